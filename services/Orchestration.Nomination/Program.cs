using Orchestration.Nomination;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("nomination");
builder.AddNomination();
builder.AddServiceBus(typeof(NominationModule).Assembly);

var app = builder.Build();
app.MapServiceDefaults();
app.MapNomination();
await app.RunServiceAsync();
