using System.Text.Json.Serialization;

namespace Orchestration.Contracts;

/// <summary>A cadre's sex as the file records it (C3); D5's transfer age differs for men and women.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Sex>))]
public enum Sex
{
    [Choice("男")]
    Male,
    [Choice("女")]
    Female,
}
