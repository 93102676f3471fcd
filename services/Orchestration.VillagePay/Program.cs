using Orchestration.ServiceDefaults.Dapr;
using Orchestration.VillagePay;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("village-pay");
builder.AddVillagePay();
builder.AddServiceBus(typeof(VillagePayModule).Assembly);

var app = builder.Build();
app.MapServiceDefaults();
app.MapVillagePay();
await app.RunServiceAsync();
