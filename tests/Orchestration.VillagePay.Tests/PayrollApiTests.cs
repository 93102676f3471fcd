using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Payroll;
using Orchestration.VillagePay.Retirement;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

[Collection(VillagePayCollection.Name)]
public sealed class PayrollApiTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    async Task<PayrollResponse> IssuedPayroll()
    {
        var bayan = await api.Village("巴彦,塔拉嘎查", township: "新\"东\"苏木", population: 3_000, principal: "巴图,其木格");
        var chagan = await api.Village("查干嘎查", township: "新\"东\"苏木", population: 800, principal: "萨仁");
        await api.Created<GradeResponse>($"/api/village-pay/villages/{bayan.Id}/grades", new GradePrincipalRequest(2026, PrincipalGrade.Excellent));
        await api.Created<GradeResponse>($"/api/village-pay/villages/{chagan.Id}/grades", new GradePrincipalRequest(2026, PrincipalGrade.BasicallyCompetent));
        await api.Created<FormerPrincipalResponse>("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "查干嘎查", "新\"东\"苏木", new DateOnly(2000, 1, 1), new DateOnly(2015, 1, 1)));
        // P4: the start-up subsidy of the payroll's year joins the living-subsidy line of the same former principal
        await api.Created<StartUpGrantResponse>("/api/village-pay/start-up-subsidies", new GrantStartUpSubsidyRequest("宝音", "查干嘎查", "新\"东\"苏木",
            new DateOnly(2000, 1, 1), new DateOnly(2015, 1, 1), "牧家乐合作社", "92150526MA0000001X", 5_000m, new DateOnly(2026, 6, 1)));
        return await api.Created<PayrollResponse>("/api/village-pay/payroll/2026", new { });
    }

    [Fact]
    public async Task The_payroll_csv_parses_back_with_the_Chinese_names_commas_and_quotes_and_a_totals_line()
    {
        var issued = await IssuedPayroll();

        var response = await api.Client().GetAsync("/api/village-pay/payroll/2026.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = PayrollTests.Parse(await response.Content.ReadAsByteArrayAsync());
        rows.Count.ShouldBe(5);
        rows[0].ShouldBe(PayrollCsv.Header);
        rows[1].ShouldBe(["1", "巴图,其木格", "两委正职", "巴彦,塔拉嘎查", "新\"东\"苏木", "9000.00", "4000.00", "0.00", "0.00", "0.00", "13000.00"]);
        rows[2].ShouldBe(["2", "萨仁", "两委正职", "查干嘎查", "新\"东\"苏木", "7000.00", "2000.00", "0.00", "0.00", "0.00", "9000.00"]);
        rows[3].ShouldBe(["3", "宝音", "离任正职", "查干嘎查", "新\"东\"苏木", "0.00", "0.00", "0.00", "3600.00", "5000.00", "8600.00"]);
        rows[4].ShouldBe(["", "合计", "", "", "", "16000.00", "6000.00", "0.00", "3600.00", "5000.00", "30600.00"]);
        issued.Total.ShouldBe(30_600m);
    }

    [Fact]
    public async Task P2_a_payroll_with_an_ungraded_principal_is_refused_and_nothing_is_stored()
    {
        await api.Village("查干嘎查");

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/payroll/2026", new { }), "year", "P2");
        (await api.Count<PayrollRun>(p => p.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A_year_is_issued_once()
    {
        await IssuedPayroll();

        (await api.Client().PostAsJsonAsync("/api/village-pay/payroll/2026", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_read_the_payroll()
    {
        await IssuedPayroll();
        var other = new Api(villagePay);

        (await other.Client().GetAsync("/api/village-pay/payroll/2026.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client().GetAsync("/api/village-pay/payroll/2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    static HttpContent CloudEvent(string id, object data) => new StringContent(JsonSerializer.Serialize(new
    {
        specversion = "1.0", id, source = "finance-office", type = "com.dapr.event.sent", datacontenttype = "application/json",
        pubsubname = "pubsub", topic = "payroll-acknowledged", data,
    }), Encoding.UTF8, "application/cloudevents+json");

    async Task<string> PostFromSidecar(HttpContent cloudEvent)
    {
        var response = await villagePay.Host.CreateClient().PostAsync("/dapr/events/payroll-acknowledged", cloudEvent);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
    }

    Task<int> OutboxRows<T>(string marker) =>
        api.Count<OutboxMessage>(m => m.Where(x => x.MessageType.StartsWith(typeof(T).FullName!) && x.Body.Contains(marker)));

    [Fact]
    public async Task The_sidecar_learns_the_finance_topic()
    {
        var subscriptions = JsonDocument.Parse(await villagePay.Host.CreateClient().GetStringAsync("/dapr/subscribe")).RootElement;

        var topic = subscriptions.EnumerateArray().Single(s => s.GetProperty("topic").GetString() == "payroll-acknowledged");
        topic.GetProperty("pubsubName").GetString().ShouldBe("pubsub");
    }

    [Fact]
    public async Task The_finance_office_acknowledgement_posted_twice_by_the_sidecar_marks_the_payroll_once()
    {
        await IssuedPayroll();
        var reference = $"voucher-{Guid.NewGuid():N}";
        var data = new { tenantId = api.Tenant, year = 2026, reference, acknowledgedBy = "county finance office" };
        var eventId = Guid.NewGuid().ToString();

        (await PostFromSidecar(CloudEvent(eventId, data))).ShouldBe("SUCCESS");
        (await PostFromSidecar(CloudEvent(eventId, data))).ShouldBe("SUCCESS");

        var acknowledged = await Eventually.Get(async () =>
        {
            var payroll = await api.Query(db => db.Payrolls.AsNoTracking().SingleAsync(p => p.TenantId == api.Tenant && p.Year == 2026));
            return payroll.AcknowledgedAt is null ? null : payroll;
        }, "the payroll acknowledged");
        acknowledged.AcknowledgementReference.ShouldBe(reference);
        acknowledged.AcknowledgedBy.ShouldBe("county finance office");
        (await OutboxRows<AcknowledgePayroll>(reference)).ShouldBe(1);
        await Eventually.True(async () => await OutboxRows<PayrollAcknowledged>(reference) == 1, "the acknowledgement's result event");
        (await OutboxRows<PayrollAcknowledged>(reference)).ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_finance_event_is_dropped_and_nothing_is_stored()
    {
        var reference = $"voucher-{Guid.NewGuid():N}";
        Task<int> DaprInbox() => api.Count<InboxMessage>(m => m.Where(x => x.Consumer == "dapr:pubsub/payroll-acknowledged"));
        var before = await DaprInbox();

        (await PostFromSidecar(CloudEvent(Guid.NewGuid().ToString(), new { tenantId = "", year = 2026, reference, acknowledgedBy = "finance" }))).ShouldBe("DROP");
        (await PostFromSidecar(CloudEvent(Guid.NewGuid().ToString(), new { tenantId = api.Tenant, year = "next", reference }))).ShouldBe("DROP");

        (await OutboxRows<AcknowledgePayroll>(reference)).ShouldBe(0);
        (await DaprInbox()).ShouldBe(before);
    }
}
