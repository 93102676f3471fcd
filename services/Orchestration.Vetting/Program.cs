using Orchestration.ServiceDefaults.Dapr;
using Orchestration.Vetting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("vetting");
builder.AddVetting();
builder.AddServiceBus(typeof(VettingModule).Assembly);

var app = builder.Build();
app.MapServiceDefaults();
app.MapVetting();
await app.RunServiceAsync();
