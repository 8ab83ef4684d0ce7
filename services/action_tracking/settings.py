from shared.settings import ServiceSettings


class ActionTrackingSettings(ServiceSettings):
    service_name: str = "action_tracking"
    http_port: int = 8103
