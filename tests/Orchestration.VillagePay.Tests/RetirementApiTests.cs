using System.Net.Http.Json;
using Orchestration.Testing;
using Orchestration.VillagePay.Retirement;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

[Collection(VillagePayCollection.Name)]
public sealed class RetirementApiTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    [Fact]
    public async Task P4_a_former_principal_with_10_years_in_post_receives_the_yearly_subsidy()
    {
        var former = await api.Created<FormerPrincipalResponse>("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2010, 3, 1), new DateOnly(2020, 3, 1)));

        former.YearsInPost.ShouldBe(10);
        former.YearlySubsidy.ShouldBe(3_600m);
    }

    [Fact]
    public async Task P4_a_former_principal_with_9_years_in_post_is_refused_naming_the_rule_and_nothing_is_stored()
    {
        var response = await api.Client().PostAsJsonAsync("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2010, 3, 1), new DateOnly(2020, 2, 29)));

        await Api.ShouldRefuse(response, "servedFrom", "P4");
        (await api.Count<FormerPrincipal>(f => f.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task P4_a_principal_still_in_post_receives_no_retirement_subsidy()
    {
        var response = await api.Client().PostAsJsonAsync("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2000, 1, 1), Api.Today.AddDays(1)));

        await Api.ShouldRefuse(response, "leftOn", "P4");
    }

    [Fact]
    public async Task P4_leaving_before_taking_the_post_is_bad_input()
    {
        var response = await api.Client().PostAsJsonAsync("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2020, 1, 1), new DateOnly(2010, 1, 1)));

        await Api.ShouldRefuse(response, "leftOn", "P4");
    }

    [Fact]
    public async Task A_caller_of_another_tenant_does_not_see_the_subsidies()
    {
        await api.Created<FormerPrincipalResponse>("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2000, 1, 1), new DateOnly(2015, 1, 1)));

        (await new Api(villagePay).Client().GetFromJsonAsync<List<FormerPrincipalResponse>>("/api/village-pay/retirement-subsidies"))!.ShouldBeEmpty();
        (await api.Client().GetFromJsonAsync<List<FormerPrincipalResponse>>("/api/village-pay/retirement-subsidies"))!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task P4_grants_and_refusals_go_through_the_command_pipeline_and_are_counted_with_their_rule()
    {
        using var counts = new CommandCounts(nameof(GrantSubsidyRequest));

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2010, 3, 1), new DateOnly(2020, 2, 29))), "servedFrom", "P4");
        await api.Created<FormerPrincipalResponse>("/api/village-pay/retirement-subsidies",
            new GrantSubsidyRequest("宝音", "巴彦嘎查", "新苏木", new DateOnly(2010, 3, 1), new DateOnly(2020, 3, 1)));

        counts.Counted.ShouldContain(("http", "refused", "P4"));
        counts.Counted.ShouldContain(c => c.Door == "http" && c.Outcome == "applied");
    }

    static GrantStartUpSubsidyRequest StartUp(decimal amount = 5_000m, DateOnly? leftOn = null, DateOnly? grantedOn = null) =>
        new("乌力吉", "查干嘎查", "新苏木", new DateOnly(2012, 1, 1), leftOn ?? new DateOnly(2024, 1, 1), "肉牛养殖合作社", "93150526MA0000002Y", amount,
            grantedOn ?? Api.Today);

    [Fact]
    public async Task P4_a_former_principal_starting_a_business_receives_the_start_up_subsidy_once()
    {
        var grant = await api.Created<StartUpGrantResponse>("/api/village-pay/start-up-subsidies", StartUp(amount: 10_000m)); // the ceiling itself

        (grant.Amount, grant.Business).ShouldBe((10_000m, "肉牛养殖合作社"));
        (await api.Client().PostAsJsonAsync("/api/village-pay/start-up-subsidies", StartUp())).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task P4_a_start_up_subsidy_above_the_ceiling_before_leaving_or_for_someone_in_post_is_refused_and_nothing_is_stored()
    {
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/start-up-subsidies", StartUp(amount: 10_000.01m)), "amount", "P4");
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/start-up-subsidies", StartUp(grantedOn: new DateOnly(2023, 12, 31))), "grantedOn", "P4");
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/start-up-subsidies",
            StartUp(leftOn: Api.Today.AddDays(1), grantedOn: Api.Today.AddDays(1))), "leftOn", "P4");
        (await api.Count<StartUpGrant>(g => g.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }
}
