using Orchestration.Audit;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("audit");
builder.AddAudit();
builder.AddServiceBus(typeof(AuditModule).Assembly);

var app = builder.Build();
app.MapServiceDefaults();
app.MapAudit();
await app.RunServiceAsync();
