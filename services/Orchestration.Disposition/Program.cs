using Orchestration.Disposition;
using Orchestration.ServiceDefaults.Dapr;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("disposition");
builder.AddDisposition();
builder.AddServiceBus(typeof(DispositionModule).Assembly);

var app = builder.Build();
app.MapServiceDefaults();
app.MapDisposition();
await app.RunServiceAsync();
