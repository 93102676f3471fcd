using System.Text.Json.Nodes;
using Orchestration.Contracts;
using Orchestration.Workflows.Activities;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>What the designer's property panel shows for a domain activity's inputs: the contracts' own labels, descriptions and editors.</summary>
public sealed class DomainActivityDescriptorTests
{
    static readonly ActivityRegistry Registry = ActivityRegistry.CreateDefault();

    static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    public static TheoryData<string> DomainActivities() => new(Registry.DomainActivities.Select(a => a.TypeName));

    [Theory]
    [MemberData(nameof(DomainActivities))]
    public void Every_input_has_a_Chinese_and_English_label_and_a_description_saying_what_empty_means(string typeName)
    {
        var activity = Registry.Find(typeName).ShouldBeOfType<DomainCommandActivity>();

        foreach (var input in activity.Descriptor["inputs"]!.AsArray().Select(i => i!.AsObject()))
        {
            var name = input["name"]!.GetValue<string>();
            var label = input["displayName"]!.GetValue<string>();
            label.ShouldNotBe(name, $"{typeName}.{name} has no label of its own");
            HasChinese(label.Split(" · ")[0]).ShouldBeTrue($"{typeName}.{name}: {label}");
            label.Split(" · ").Length.ShouldBe(2, $"{typeName}.{name}: {label}");
            var description = input["description"]?.GetValue<string>();
            HasChinese(description).ShouldBeTrue($"{typeName}.{name} has no Chinese description");
            description!.ShouldContain("留空：", customMessage: $"{typeName}.{name}");
            foreach (var item in input["uiSpecifications"]?["dropdown"]?["selectList"]?["items"]?.AsArray() ?? [])
                HasChinese(item!["text"]!.GetValue<string>()).ShouldBeTrue($"{typeName}.{name}: {item.ToJsonString()}");
        }
    }

    [Fact]
    public void Inputs_get_the_editor_their_type_needs()
    {
        static JsonObject InputOf(string typeName, string input) => Registry.Find(typeName).ShouldBeOfType<DomainCommandActivity>()
            .Descriptor["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == input)!.AsObject();

        InputOf("Orchestration.Vetting.VerifyAgesAndHistory", "BirthDate")["uiHint"]!.GetValue<string>().ShouldBe("datetime-picker");
        InputOf("Orchestration.Vetting.HoldDecisionMeeting", "SecretBallot")["uiHint"]!.GetValue<string>().ShouldBe("checkbox");
        InputOf("Orchestration.Disposition.InvestigateDispositionCase", "Notes")["uiHint"]!.GetValue<string>().ShouldBe("multiline");
        InputOf("Orchestration.Nomination.Nominate", "NominatorId")["uiHint"]!.GetValue<string>().ShouldBe("singleline");
        var relationship = InputOf("Orchestration.Nomination.Nominate", "DeclaredRelationship");
        relationship["uiHint"]!.GetValue<string>().ShouldBe("dropdown");
        relationship["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>())
            .ShouldBe(["", .. Enum.GetNames<Contracts.Nomination.NomineeRelationship>()]);
        // A literal default is shown as the field's value; a default the service computes is said in words.
        InputOf("Orchestration.Nomination.Nominate", "Promotion")["defaultValue"]!.GetValue<bool>().ShouldBeTrue();
        InputOf("Orchestration.Vetting.HoldDecisionMeeting", "Body")["defaultValue"]!.GetValue<string>().ShouldBe("StandingCommittee");
        InputOf("Orchestration.Vetting.HoldDecisionMeeting", "Body")["description"]!.GetValue<string>().ShouldContain("留空：默认常委会");
        InputOf("Orchestration.Vetting.AppointCadre", "AppointedOn")["description"]!.GetValue<string>().ShouldContain("留空：县域当天");
        InputOf("Orchestration.Vetting.HoldDecisionMeeting", "MembersPresent")["description"]!.GetValue<string>().ShouldContain("留空：必填");
    }

    [Fact]
    public void The_age_transfer_date_activity_is_described_exactly()
    {
        var activity = Registry.Find("Orchestration.Disposition.ComputeAgeTransferDate").ShouldBeOfType<DomainCommandActivity>();

        var expected = JsonNode.Parse("""
            {
              "typeName": "Orchestration.Disposition.ComputeAgeTransferDate",
              "namespace": "Orchestration.Disposition",
              "name": "ComputeAgeTransferDate",
              "version": 1,
              "category": "Disposition",
              "displayName": "Compute age transfer date · 计算到龄改非日期",
              "description": "计算到龄改非日期：The birthday on which the cadre reaches the configured age (men 52, women 50).",
              "kind": "Task",
              "isContainer": false,
              "isBrowsable": true,
              "isStart": false,
              "isTerminal": false,
              "runAsynchronously": false,
              "customProperties": {"chineseName": "计算到龄改非日期", "englishName": "Compute age transfer date", "service": "Disposition"},
              "constructionProperties": {},
              "inputs": [
                {
                  "name": "CadreId",
                  "typeName": "Guid",
                  "displayName": "干部 · Cadre",
                  "description": "本程序所涉的干部：干部档案中的编号（C3）。留空：本程序的干部（先依次取流程输入、变量、刚录入事实中的 cadreId）。",
                  "order": 0,
                  "uiHint": "singleline",
                  "category": null,
                  "defaultValue": null,
                  "defaultSyntax": "Literal",
                  "isWrapped": true,
                  "isReadOnly": false,
                  "isBrowsable": true,
                  "isSerializable": true,
                  "isSynthetic": false,
                  "isSensitive": false,
                  "storageDriverType": null,
                  "autoEvaluate": true,
                  "uiSpecifications": null
                },
                {
                  "name": "BirthDate",
                  "typeName": "DateOnly",
                  "displayName": "出生日期 · Birth date",
                  "description": "干部档案记载的出生日期（C3、D5）。留空：必填（先依次取流程输入、变量、刚录入事实中的 birthDate）。",
                  "order": 1,
                  "uiHint": "datetime-picker",
                  "category": null,
                  "defaultValue": null,
                  "defaultSyntax": "Literal",
                  "isWrapped": true,
                  "isReadOnly": false,
                  "isBrowsable": true,
                  "isSerializable": true,
                  "isSynthetic": false,
                  "isSensitive": false,
                  "storageDriverType": null,
                  "autoEvaluate": true,
                  "uiSpecifications": null
                },
                {
                  "name": "Sex",
                  "typeName": "String",
                  "displayName": "性别 · Sex",
                  "description": "档案记载的性别：男 52 岁、女 50 岁改任非领导职务（D5，可配置）。留空：必填（先依次取流程输入、变量、刚录入事实中的 sex）。",
                  "order": 2,
                  "uiHint": "dropdown",
                  "category": null,
                  "defaultValue": null,
                  "defaultSyntax": "Literal",
                  "isWrapped": true,
                  "isReadOnly": false,
                  "isBrowsable": true,
                  "isSerializable": true,
                  "isSynthetic": false,
                  "isSensitive": false,
                  "storageDriverType": null,
                  "autoEvaluate": true,
                  "uiSpecifications": {
                    "dropdown": {"selectList": {"items": [{"text": "男 · Male", "value": "Male"}, {"text": "女 · Female", "value": "Female"}], "isFlagsEnum": false}}
                  }
                }
              ],
              "outputs": [
                {
                  "name": "Result",
                  "typeName": "Object",
                  "displayName": "Result",
                  "description": null,
                  "order": 0,
                  "isBrowsable": true,
                  "isSerializable": true,
                  "isSynthetic": false
                }
              ],
              "ports": [
                {"name": "Done", "displayName": "Done", "type": "Flow", "isBrowsable": true},
                {"name": "Failed", "displayName": "Failed", "type": "Flow", "isBrowsable": true}
              ]
            }
            """)!;
        JsonNode.DeepEquals(activity.Descriptor, expected).ShouldBeTrue(activity.Descriptor.ToJsonString(Definitions.ElsaJson.Indented));
    }

    [Theory]
    [InlineData("2026-12-05", "2026-12-05")]
    [InlineData("2026/12/5 0:00:00", "2026-12-05")]
    [InlineData("12/5/2026 12:00:00 AM", "2026-12-05")]
    public void A_date_the_Studio_picker_wrote_in_the_browser_culture_reaches_the_command_as_an_ISO_date(string written, string sent)
    {
        DomainCommandActivity.CommandValue(JsonValue.Create(written), typeof(DateOnly?))!.GetValue<string>().ShouldBe(sent);
    }

    [Fact]
    public void Every_fact_activity_offers_a_match_labelled_in_Chinese_and_English_saying_what_empty_means()
    {
        var facts = Registry.DomainActivities.Select(a => Registry.Find($"Orchestration.{a.Service}.{a.ResultType.Name}")).OfType<DomainFactActivity>().ToList();
        facts.ShouldNotBeEmpty();
        foreach (var fact in facts)
        {
            var inputs = fact.Descriptor["inputs"]!.AsArray().Select(i => i!.AsObject()).ToList();
            inputs.Select(i => i["name"]!.GetValue<string>()).ShouldBe(["MatchField", "MatchValue"], fact.TypeName);
            foreach (var input in inputs)
            {
                input["displayName"]!.GetValue<string>().Split(" · ").Length.ShouldBe(2, fact.TypeName);
                input["description"]!.GetValue<string>().ShouldContain("留空：", customMessage: fact.TypeName);
            }
        }
    }

    [Fact]
    public void A_cleared_dropdown_leaves_the_field_empty_and_other_values_pass_unchanged()
    {
        DomainCommandActivity.CommandValue(JsonValue.Create(""), typeof(NominationStage?)).ShouldBeNull();
        DomainCommandActivity.CommandValue(JsonValue.Create(7), typeof(int))!.GetValue<int>().ShouldBe(7);
        DomainCommandActivity.CommandValue(JsonValue.Create("甲"), typeof(string))!.GetValue<string>().ShouldBe("甲");
    }

    enum NominationStage { Nominated }
}
