app_name = "transitions"

urlpatterns = []
