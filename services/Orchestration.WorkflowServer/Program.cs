using Orchestration.Studio;
using Orchestration.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("workflow-server");
builder.AddWorkflows();
builder.AddElsaStudio();
builder.AddServiceBus([], bus => bus.AddWorkflowConsumers());

var app = builder.Build();
app.MapServiceDefaults();
app.MapWorkflows();
app.MapElsaStudio();
await app.RunServiceAsync();
