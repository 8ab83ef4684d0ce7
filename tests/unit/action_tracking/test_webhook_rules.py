from services.action_tracking.domain.webhooks import address_problem


def test_plain_http_is_refused_in_production_only():
    assert address_problem("http", "production") == "must be an https address in production"
    assert address_problem("https", "production") is None
    assert address_problem("http", "development") is None
