using System.Net;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Http;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// Look-alike names (review 4.3, finding 22): NFC and NFD, zero-width characters, trailing blanks and full-width letters name the
/// same village, so the second registration is a conflict and the village is stored in one form.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class UnicodeNameTests(AbuseSystem system)
{
    [Theory]
    [InlineData("Caf\u00e9村", "Cafe\u0301村")]
    [InlineData("红旗村", "红旗村\u200b")]
    [InlineData("红旗村", "红旗村 ")]
    [InlineData("红旗村", "\ufeff红旗村")]
    [InlineData("RED村", "ＲＥＤ村")]
    [InlineData("RED村", "red村")]
    public async Task A_look_alike_of_a_registered_village_is_a_conflict(string registered, string lookAlike)
    {
        var tenant = AbuseSystem.NewTenant("unicode");
        var client = system.Client("village-pay", tenant);
        string Body(string name) => new JsonObject { ["name"] = name, ["township"] = "城关镇", ["population"] = 500 }.ToJsonString();

        var first = await client.PostJson("/api/village-pay/villages", Body(registered));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        JsonNode.Parse(await first.Content.ReadAsStringAsync())!["name"]!.GetValue<string>().ShouldBe(SaneInput.NormalizeName(registered));

        var second = await client.PostJson("/api/village-pay/villages", Body(lookAlike));
        await second.ShouldBeProblem(HttpStatusCode.Conflict);
        (await system.StoredRows("village-pay", tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task Names_are_stored_trimmed_in_nfc_without_zero_width_characters()
    {
        var client = system.Client("village-pay", AbuseSystem.NewTenant("unicode"));
        var saved = await client.PostJson("/api/village-pay/villages", new JsonObject { ["name"] = " Cafe\u0301\u200b村 ", ["township"] = "城关镇\u200d", ["population"] = 500 }.ToJsonString());

        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var village = JsonNode.Parse(await saved.Content.ReadAsStringAsync())!;
        village["name"]!.GetValue<string>().ShouldBe("Caf\u00e9村");
        village["township"]!.GetValue<string>().ShouldBe("城关镇");
    }

    [Fact]
    public async Task Rare_ideographs_round_trip()
    {
        var client = system.Client("village-pay", AbuseSystem.NewTenant("unicode"));
        var saved = await client.PostJson("/api/village-pay/villages", new JsonObject { ["name"] = "𠀀𠀁村", ["township"] = "城关镇", ["population"] = 500 }.ToJsonString());

        saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        JsonNode.Parse(await saved.Content.ReadAsStringAsync())!["name"]!.GetValue<string>().ShouldBe("𠀀𠀁村");
    }
}
