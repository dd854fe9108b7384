import rules

from cloudpark.reviews import enums, selectors


@rules.predicate
def reviews_current_stage(user, case):
    return case is not None and selectors.can_review(user, case)


@rules.predicate
def gives_opinion_at_current_stage(user, case):
    return case is not None and selectors.can_give_opinion(user, case)


@rules.predicate
def decides_current_stage(user, case):
    return case is not None and selectors.can_decide(user, case)


@rules.predicate
def case_is_open(user, case):
    return case is not None and case.state in enums.OPEN_STATES


rules.add_perm("reviews.review_case", reviews_current_stage)
rules.add_perm("reviews.give_opinion", gives_opinion_at_current_stage)
rules.add_perm("reviews.decide_case", decides_current_stage)
