using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestration.Bench;

/// <summary>Removes the run's queues (named with its prefix) through the RabbitMQ management API, when <c>RABBITMQ_MANAGEMENT_URL</c> is set.</summary>
public static class Queues
{
    public static async Task RemoveAsync(BenchEnvironment environment)
    {
        if (Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL") is not { Length: > 0 } management) return;
        try
        {
            var uri = new Uri(management);
            using var http = new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
            if (uri.UserInfo.Length > 0)
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            var queues = JsonNode.Parse(await http.GetStringAsync("/api/queues/%2F?columns=name"))!.AsArray();
            var removed = 0;
            foreach (var name in queues.Select(q => q?["name"]?.GetValue<string>()).OfType<string>().Where(n => n.StartsWith(environment.Prefix, StringComparison.Ordinal)))
            {
                await http.DeleteAsync($"/api/queues/%2F/{Uri.EscapeDataString(name)}");
                removed++;
            }
            if (removed > 0) Console.WriteLine($"  {removed} queues of the run removed");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"  the run's queues were not removed: {ex.Message}");
        }
    }
}
