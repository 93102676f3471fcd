using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>The API description shows what each endpoint answers: a response record's schema, not an undescribed body.</summary>
[Collection(VillagePayCollection.Name)]
public sealed class OpenApiTests(VillagePayHostFixture villagePay)
{
    [Fact]
    public async Task Every_success_answer_of_village_pay_has_a_described_schema()
    {
        var document = await ApiDescription.ReadAsync(villagePay.Host.CreateClient());

        ApiDescription.Operations(document, "/api/village-pay/").Count.ShouldBeGreaterThan(15);
        ApiDescription.Undescribed(document, "/api/village-pay/").ShouldBeEmpty();
        ApiDescription.SchemaOf(document, "post", "/api/village-pay/evaluations", "201").ShouldEndWith("/EvaluationResponse");
        ApiDescription.SchemaOf(document, "post", "/api/village-pay/payroll/{year}", "201").ShouldEndWith("/PayrollResponse");
        ApiDescription.Statuses(document, "post", "/api/village-pay/evaluations").ShouldContain("400");
    }

    [Fact]
    public async Task Every_field_and_parameter_of_village_pay_says_what_it_is()
    {
        var document = await ApiDescription.ReadAsync(villagePay.Host.CreateClient());

        ApiDescription.FieldsWithoutDescription(document, "/api/village-pay/").ShouldBeEmpty();
        document["components"]!["schemas"]!["GradeResponse"]!["properties"]!["performancePay"]!["description"]!.GetValue<string>().ShouldContain("CNY");
    }
}
