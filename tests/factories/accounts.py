import factory

from cloudpark.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password("correct horse battery staple")
