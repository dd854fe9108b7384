from cloudpark.accounts.models import ApiToken


def api_tokens_of(user):
    """Every token ``user`` has made, in use or ended, newest first."""
    return ApiToken.objects.filter(user_id=user.pk).select_related("user")
