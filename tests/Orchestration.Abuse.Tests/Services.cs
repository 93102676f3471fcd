extern alias workflows;
extern alias nomination;
extern alias vetting;
extern alias audit;
extern alias disposition;
extern alias villagepay;

namespace Orchestration.Abuse.Tests;

/// <summary>A service of the system by name: a client of a tenant and the tenant's stored rows.</summary>
public static class Services
{
    public static HttpClient Client(this AbuseSystem system, string service, string tenant) => service switch
    {
        "nomination" => AbuseSystem.Client(system.Nomination, tenant),
        "vetting" => AbuseSystem.Client(system.Vetting, tenant),
        "audit" => AbuseSystem.Client(system.Audit, tenant),
        "disposition" => AbuseSystem.Client(system.Disposition, tenant),
        "village-pay" => AbuseSystem.Client(system.VillagePay, tenant),
        "workflows" => AbuseSystem.Client(system.Workflows, tenant),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    public static Task<long> StoredRows(this AbuseSystem system, string service, string tenant) => service switch
    {
        "nomination" => AbuseSystem.StoredRows<nomination::Program, nomination::Orchestration.Nomination.Data.NominationDbContext>(system.Nomination, tenant),
        "vetting" => AbuseSystem.StoredRows<vetting::Program, vetting::Orchestration.Vetting.Data.VettingDbContext>(system.Vetting, tenant),
        "audit" => AbuseSystem.StoredRows<audit::Program, audit::Orchestration.Audit.Data.AuditDbContext>(system.Audit, tenant),
        "disposition" => AbuseSystem.StoredRows<disposition::Program, disposition::Orchestration.Disposition.Data.DispositionDbContext>(system.Disposition, tenant),
        "village-pay" => AbuseSystem.StoredRows<villagepay::Program, villagepay::Orchestration.VillagePay.Data.VillagePayDbContext>(system.VillagePay, tenant),
        "workflows" => AbuseSystem.StoredRows<workflows::Program, Orchestration.Workflows.Data.WorkflowDbContext>(system.Workflows, tenant),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };
}
