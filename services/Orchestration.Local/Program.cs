using Orchestration.Local;

// Every service in one process: SQLite files under .local-data/, MassTransit's in-memory transport, tokens signed
// with a local key. For trying the system and for the designer; the distributed mode runs each service on its own.
var builder = WebApplication.CreateBuilder(args);
builder.UseEmbeddedDefaults();
builder.AddServiceDefaults("orchestration-local");
builder.AddServiceBus([.. EmbeddedServices.Assemblies]);

var app = builder.Build();
app.MapServiceDefaults();
app.MapEmbeddedServices();
app.Lifetime.ApplicationStarted.Register(() => EmbeddedServices.PrintWelcome(app));
await app.RunAsync();
