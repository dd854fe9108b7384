import rules

from cloudpark.reviews import selectors


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
def decides_the_stage_seen(user, seen):
    return seen is not None and selectors.decides_stage_of(user, seen.case, seen.stage_key)


@rules.predicate
def gives_opinion_at_the_stage_seen(user, seen):
    return seen is not None and selectors.gives_opinion_at_stage_of(user, seen.case, seen.stage_key)


@rules.predicate
def sees_the_opinions(user, case):
    return case is not None and selectors.sees_opinions(user, case)


# The object is a case: may the user act at the stage it is at now (forms, buttons)?
rules.add_perm("reviews.review_case", reviews_current_stage)
rules.add_perm("reviews.give_opinion", gives_opinion_at_current_stage)
rules.add_perm("reviews.decide_case", decides_current_stage)
rules.add_perm("reviews.view_opinions", sees_the_opinions)
# The object is a ``selectors.Seen``: may the user post from a page that showed the case at
# that stage? If the case has moved on since, the engine refuses with a message that says so.
rules.add_perm("reviews.give_opinion_at_stage_seen", gives_opinion_at_the_stage_seen)
rules.add_perm("reviews.decide_stage_seen", decides_the_stage_seen)
