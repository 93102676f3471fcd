using System.Text.Json.Nodes;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>
/// The check behind "every field of the API says what it is" finds an undescribed field wherever the API reaches it: parameters,
/// request bodies, answers, component references, array items, dictionary values and "null or reference" fields.
/// </summary>
public sealed class ApiFieldDescriptionTests
{
    static JsonNode Document(string describedOrNot) => JsonNode.Parse($$"""
        {
          "paths": {
            "/api/x/{id}": {
              "post": {
                "parameters": [ { "name": "id", "in": "path"{{describedOrNot}}, "schema": { "type": "string" } } ],
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Request" } } } },
                "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Answer" } } } } } }
              }
            },
            "/other/{id}": { "get": { "parameters": [ { "name": "id", "in": "path" } ] } }
          },
          "components": {
            "schemas": {
              "Request": { "properties": {
                "note": { "type": "string"{{describedOrNot}} },
                "lines": { "type": "array"{{describedOrNot}}, "items": { "$ref": "#/components/schemas/Line" } } } },
              "Line": { "properties": { "amount": { "type": "number"{{describedOrNot}} } } },
              "Answer": { "properties": {
                "extra": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/Extra" } ]{{describedOrNot}} },
                "byKey": { "type": "object"{{describedOrNot}}, "additionalProperties": { "$ref": "#/components/schemas/Value" } } } },
              "Extra": { "properties": { "reason": { "type": "string"{{describedOrNot}} } } },
              "Value": { "properties": { "count": { "type": "integer"{{describedOrNot}} } } },
              "Unused": { "properties": { "never": { "type": "string" } } }
            }
          }
        }
        """)!;

    [Fact]
    public void Every_reachable_field_and_parameter_without_a_description_is_listed_and_nothing_outside_the_prefix()
    {
        ApiDescription.FieldsWithoutDescription(Document(""), "/api/").ShouldBe(
        [
            "Answer.byKey", "Answer.extra", "Extra.reason", "Line.amount", "POST /api/x/{id}: id", "Request.lines", "Request.note", "Value.count",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Nothing_is_listed_once_every_field_and_parameter_says_what_it_is()
    {
        ApiDescription.FieldsWithoutDescription(Document(", \"description\": \"What it is.\""), "/api/").ShouldBeEmpty();
    }
}
