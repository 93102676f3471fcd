using Orchestration.Audit;
using Orchestration.Disposition;
using Orchestration.Local;
using Orchestration.Nomination;
using Orchestration.Studio;
using Orchestration.Vetting;
using Orchestration.VillagePay;
using Orchestration.Workflows;

// Every service in one process: SQLite files under .local-data/, MassTransit's in-memory transport, tokens signed
// with a local key. For trying the system and for the designer; the distributed mode runs each service on its own.
var builder = WebApplication.CreateBuilder(args);
builder.UseEmbeddedDefaults();
builder.AddServiceDefaults("orchestration-local");
builder.AddNomination();
builder.AddVetting();
builder.AddAudit();
builder.AddDisposition();
builder.AddVillagePay();
builder.AddWorkflows();
builder.AddElsaStudio();
builder.AddServiceBus(
    [typeof(NominationModule).Assembly, typeof(VettingModule).Assembly, typeof(AuditModule).Assembly,
     typeof(DispositionModule).Assembly, typeof(VillagePayModule).Assembly],
    bus => bus.AddWorkflowConsumers());

var app = builder.Build();
app.MapServiceDefaults();
app.MapNomination();
app.MapVetting();
app.MapAudit();
app.MapDisposition();
app.MapVillagePay();
app.MapWorkflows();
app.MapElsaStudio();
app.MapEmbeddedServices();
app.Lifetime.ApplicationStarted.Register(() => EmbeddedServices.PrintWelcome(app));
await app.RunServiceAsync();
