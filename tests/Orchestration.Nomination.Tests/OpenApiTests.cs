using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>The API description shows what each endpoint answers: a response record's schema, not an undescribed body.</summary>
[Collection(NominationCollection.Name)]
public sealed class OpenApiTests(NominationHostFixture nomination)
{
    [Fact]
    public async Task Every_success_answer_of_nomination_has_a_described_schema()
    {
        var document = await ApiDescription.ReadAsync(nomination.Host.CreateClient());

        ApiDescription.Operations(document, "/api/nomination/").Count.ShouldBeGreaterThan(15);
        ApiDescription.Undescribed(document, "/api/nomination/").ShouldBeEmpty();
        ApiDescription.SchemaOf(document, "post", "/api/nomination/recommendation-rounds", "201").ShouldEndWith("/RecommendationRoundResponse");
        ApiDescription.SchemaOf(document, "post", "/api/nomination/motions/{id}/approval", "200").ShouldEndWith("/MotionView");
        ApiDescription.Statuses(document, "post", "/api/nomination/motions").ShouldContain("400");
    }

    /// <summary>The service's own XML documentation and parameter descriptions reach its API description, for every field.</summary>
    [Fact]
    public async Task Every_field_and_parameter_of_nomination_says_what_it_is()
    {
        var document = await ApiDescription.ReadAsync(nomination.Host.CreateClient());
        var schemas = document["components"]!["schemas"]!;

        ApiDescription.FieldsWithoutDescription(document, "/api/nomination/").ShouldBeEmpty();
        schemas["MotionResponse"]!["properties"]!["kind"]!["description"]!.GetValue<string>().ShouldContain("N2");
        // An optional field whose type is a component carries its description on the field itself.
        schemas["RaiseMotionRequest"]!["properties"]!["quotaException"]!["description"]!.GetValue<string>().ShouldContain("quota");
        document["paths"]!["/api/nomination/motions"]!["get"]!["parameters"]![0]!["description"]!.GetValue<string>()
            .ShouldBe("Only the motions of this committee term.");
    }
}
