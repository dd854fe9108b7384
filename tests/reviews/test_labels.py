import pytest
from django.utils import translation

from cloudpark.reviews import enums
from cloudpark.reviews.models import ReviewCase


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_case_s_state_label_is_its_displayed_state(language):
    with translation.override(language):
        for state in enums.CaseState.values:
            case = ReviewCase(state=state)
            assert case.state_label == case.get_state_display()
        assert ReviewCase(state="unheard-of").state_label == "unheard-of"
