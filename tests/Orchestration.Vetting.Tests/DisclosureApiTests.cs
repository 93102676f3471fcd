using System.Text.Json;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Disclosures;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class DisclosureApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    [Fact]
    public async Task V4_a_form_missing_a_category_is_sent_back_naming_it()
    {
        var items = VettingApi.AllNineCategories().Where(i => i.Category != DisclosureCategory.FamilyInvestmentsInUnlistedCompanies).ToArray();

        var disclosure = await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Deputy, items, "自评"));

        disclosure.Outcome.ShouldBe(DisclosureOutcomes.SentBack);
        disclosure.MissingCategories.ShouldBe([DisclosureCategory.FamilyInvestmentsInUnlistedCompanies]);
        disclosure.PostingEndsOn.ShouldBeNull();
        disclosure.PostedAt.ShouldBeEmpty();
    }

    [Fact]
    public async Task V4_a_complete_form_is_posted_for_five_working_days()
    {
        var opensOn = new DateOnly(2026, 11, 19); // a Thursday: the window runs over the weekend

        var disclosure = await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Principal,
            VettingApi.AllNineCategories(), "自评", opensOn));

        disclosure.Outcome.ShouldBe(Outcomes.Passed);
        disclosure.PostingEndsOn.ShouldBe(new DateOnly(2026, 11, 25));
        disclosure.PostedAt.ShouldBe(["work unit", "residence", "supervised field"]);
    }

    [Fact]
    public async Task C1_V4_the_record_entry_of_a_filed_form_names_the_rule_it_applied()
    {
        var cadreId = Guid.NewGuid();

        await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(cadreId, DisclosureRank.Deputy, VettingApi.AllNineCategories(), "自评"));

        (await CadreRecordEntries.RuleOfAsync<Data.VettingDbContext>(vetting.Host.Services, cadreId, nameof(FileDisclosure))).ShouldBe("V4");
    }

    [Fact]
    public async Task V4_a_category_answered_twice_is_bad_input_and_nothing_is_stored()
    {
        var response = await api.Post("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Deputy,
            [.. VettingApi.AllNineCategories(), new DisclosureItem(DisclosureCategory.RealEstate, "另一套")], "自评"));

        await VettingApi.ShouldBeRefused(response, "items", "V4");
        (await api.Count<Disclosure>()).ShouldBe(0);
    }

    [Fact]
    public async Task V4_round_two_before_an_approved_decision_is_refused_and_nothing_is_stored()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);

        var response = await api.Post("disclosures/publications", new PublishDisclosureRequest(cadreId, "公务员", "已婚", "住房一套", 120000m));

        await VettingApi.ShouldBeRefused(response, "cadreId", "V4");
        (await api.Count<DisclosurePublication>()).ShouldBe(0);
    }

    [Fact]
    public async Task V4_the_publication_returns_only_the_listed_fields()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(cadreId, DisclosureRank.Deputy,
            [.. VettingApi.AllNineCategories().Select(i => i.Category == DisclosureCategory.PrivatePassports ? i with { Statement = "护照 E12345678" } : i)],
            "自评：无违规"));
        await api.Approve(cadreId);
        var published = await api.Post<PublishedPersonalMatters>("disclosures/publications",
            new PublishDisclosureRequest(cadreId, "公务员", "已婚", "住房一套 90㎡", 156000m, new DateOnly(2026, 9, 29)));
        var id = await api.Db(db => Task.FromResult(db.DisclosurePublications.Single(p => p.CadreId == cadreId).Id));

        var body = await api.Client().GetStringAsync($"/api/vetting/disclosures/publications/{id}");

        JsonDocument.Parse(body).RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "name", "birthDate", "partyJoinedOn", "workStartedOn", "education", "careerHistory", "identity", "maritalStatus", "realEstate",
            "annualIncome", "opensOn", "endsOn",
        ], ignoreOrder: true);
        body.ShouldNotContain("E12345678");
        body.ShouldNotContain("自评");
        body.ShouldNotContain(cadreId.ToString());
        published.EndsOn.ShouldBe(new DateOnly(2026, 10, 10)); // over National Day to the make-up Saturday
        published.AnnualIncome.ShouldBe(156000m);
    }

    [Fact]
    public async Task V4_another_tenant_cannot_read_the_publication()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await api.Approve(cadreId);
        await api.Post<PublishedPersonalMatters>("disclosures/publications", new PublishDisclosureRequest(cadreId, "公务员", "已婚", "无", 100000m));
        var id = await api.Db(db => Task.FromResult(db.DisclosurePublications.Single(p => p.CadreId == cadreId).Id));

        (await api.Client(VettingApi.NewTenant()).GetAsync($"/api/vetting/disclosures/publications/{id}")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
