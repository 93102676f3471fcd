namespace Orchestration.ServiceDefaults;

/// <summary>The service's name as telemetry, queues and logs show it.</summary>
public static class ServiceIdentity
{
    public const string NameKey = "Service:Name";
}
