using System.Net.Http.Headers;
using System.Text;

namespace Orchestration.Testing;

/// <summary>
/// A RabbitMQ virtual host of the test's own: its commands and events reach only its own hosts, never the hosts other test
/// projects run on the same broker at the same time.
/// </summary>
public sealed class VirtualHost : IAsyncDisposable
{
    readonly HttpClient management;
    readonly string name;

    VirtualHost(HttpClient management, string name, string amqpUri)
    {
        this.management = management;
        this.name = name;
        AmqpUri = amqpUri;
    }

    public string AmqpUri { get; }

    public static async Task<VirtualHost> CreateAsync(string amqpUri)
    {
        var managementUrl = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL")
                            ?? throw new InvalidOperationException("RABBITMQ_MANAGEMENT_URL is not set: the end-to-end tests create a virtual host of their own through RabbitMQ's management API (.ci/servers.sh sets it).");
        var url = new Uri(managementUrl);
        var credentials = Uri.UnescapeDataString(url.UserInfo);
        var management = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Authority)) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        var name = $"e2e-{Guid.NewGuid():N}";
        (await management.PutAsync($"/api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var user = credentials.Split(':')[0];
        (await management.PutAsync($"/api/permissions/{name}/{Uri.EscapeDataString(user)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var amqp = new UriBuilder(amqpUri) { Path = "/" + name };
        return new VirtualHost(management, name, amqp.Uri.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await management.DeleteAsync($"/api/vhosts/{name}");
        management.Dispose();
    }
}
