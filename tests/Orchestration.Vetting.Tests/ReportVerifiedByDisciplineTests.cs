using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>C4 — the discipline commission publishes <c>report-verified</c> through Dapr; the sidecar posts it to us as a CloudEvent.</summary>
[Collection(VettingCollection.Name)]
public sealed class ReportVerifiedByDisciplineTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    /// <summary>The body and content type the Dapr sidecar posts to a subscription route.</summary>
    static HttpContent CloudEvent(string id, object data) => new StringContent(JsonSerializer.Serialize(new
    {
        specversion = "1.0", id, source = "discipline-commission", type = "com.dapr.event.sent", datacontenttype = "application/json",
        pubsubname = "pubsub", topic = "report-verified", traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", data,
    }), Encoding.UTF8, "application/cloudevents+json");

    async Task<string> Deliver(string id, object data)
    {
        // The sidecar calls without a bearer token, on the pod's loopback.
        var response = await vetting.Host.CreateClient(new WebApplicationFactoryClientOptions()).PostAsync("/dapr/events/report-verified", CloudEvent(id, data));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }

    Task<int> CommandsFor(Guid reportId) => api.Db(db => db.Set<OutboxMessage>()
        .CountAsync(m => m.MessageType.Contains(nameof(RecordReportVerification)) && m.Body.Contains(reportId.ToString())));

    [Fact]
    public async Task C4_the_sidecar_learns_the_report_verified_subscription()
    {
        var subscriptions = JsonDocument.Parse(await vetting.Host.CreateClient().GetStringAsync("/dapr/subscribe")).RootElement;

        var topic = subscriptions.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == "report-verified");
        topic.GetProperty("pubsubName").GetString().ShouldBe("pubsub");
        topic.GetProperty("route").GetString().ShouldBe("dapr/events/report-verified");
    }

    [Fact]
    public async Task C4_a_verification_delivered_twice_is_applied_once()
    {
        var cadreId = Guid.NewGuid();
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其违规兼职"));
        var data = new { tenantId = api.Tenant, reportId = report.Id, verdict = "confirmed", verifiedBy = "县纪委监委", note = "属实" };
        var eventId = Guid.NewGuid().ToString();
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(ReportVerified));

        (await Deliver(eventId, data)).ShouldBe("SUCCESS");
        (await Deliver(eventId, data)).ShouldBe("SUCCESS");

        (await CommandsFor(report.Id)).ShouldBe(1);
        var verified = await probe.WaitFor<ReportVerified>(e => e.ReportId == report.Id);
        verified.Outcome.ShouldBe(Contracts.Outcomes.Failed);
        verified.RuleId.ShouldBe("C4");
        var stored = await api.Get<ReportResponse>($"reports/{report.Id}");
        stored.Verdict.ShouldBe(ReportVerdict.Confirmed);
        stored.VerifiedBy.ShouldBe("县纪委监委");
        probe.Received<ReportVerified>(e => e.ReportId == report.Id).Count.ShouldBe(1);

        // C1: the verification the commission sent is in the cadre's record once, with the commission as its actor.
        var entries = (await CadreRecordEntries.OfAsync<Data.VettingDbContext>(vetting.Host.Services, cadreId))
            .Where(e => e["command"]!.GetValue<string>() == nameof(RecordReportVerification)).ToList();
        entries.Select(e => (e["ruleId"]!.GetValue<string>(), e["actor"]!.GetValue<string>(), e["outcome"]!.GetValue<string>(), e["evidence"]!.GetValue<string>()))
            .ShouldBe([("C4", "县纪委监委", nameof(ReportVerdict.Confirmed), $"vetting/Report/{report.Id}")]);
    }

    [Fact]
    public async Task C4_C1_the_report_and_its_verification_are_in_the_cadre_s_record_with_the_verifying_team_as_actor()
    {
        var cadreId = Guid.NewGuid();
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其违规兼职"));
        (await api.Post($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "县委组织部核查组", "不属实")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Post($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "县委组织部核查组")))
            .StatusCode.ShouldBe(HttpStatusCode.OK); // the same verdict again changes nothing, and records nothing again

        var entries = await CadreRecordEntries.OfAsync<Data.VettingDbContext>(vetting.Host.Services, cadreId);
        entries.Select(e => (e["command"]!.GetValue<string>(), e["ruleId"]!.GetValue<string>(), e["actor"]!.GetValue<string>(),
                e["evidence"]!.GetValue<string>()))
            .ShouldBe([
                (nameof(ReceiveReportRequest), "C4", $"user-of-{api.Tenant}", $"vetting/Report/{report.Id}"),
                (nameof(RecordReportVerification), "C4", "县委组织部核查组", $"vetting/Report/{report.Id}"),
            ]);
        entries[1]["recordedBy"]!.GetValue<string>().ShouldBe($"user-of-{api.Tenant}");
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    public async Task C4_a_malformed_verification_is_dropped_and_nothing_is_stored(string verdict)
    {
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(Guid.NewGuid(), "反映问题"));

        (await Deliver(Guid.NewGuid().ToString(), new { tenantId = api.Tenant, reportId = report.Id, verdict, verifiedBy = "县纪委监委" })).ShouldBe("DROP");

        (await CommandsFor(report.Id)).ShouldBe(0);
        (await api.Get<ReportResponse>($"reports/{report.Id}")).Verdict.ShouldBeNull();
    }

    [Fact]
    public async Task C4_an_unreadable_event_is_dropped()
    {
        var response = await vetting.Host.CreateClient().PostAsync("/dapr/events/report-verified",
            new StringContent("{\"specversion\":\"1.0\",\"id\":\"x\",\"datacontenttype\":\"application/json\",\"data\":{\"reportId\":\"not-a-guid\"}}",
                Encoding.UTF8, "application/cloudevents+json"));

        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("DROP");
    }
}
