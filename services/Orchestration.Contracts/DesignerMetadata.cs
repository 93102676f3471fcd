namespace Orchestration.Contracts;

/// <summary>
/// How an input of a domain command (<see cref="DomainActivityAttribute"/>) appears in the designer's property panel: a label in
/// Chinese and English, what it means (citing the DOMAIN.md rule where one applies) and what an empty field stands for. Put on the
/// record's parameter as <c>[property: ActivityInput("出生日期", "Birth date", "…")]</c>; every input of a domain command carries one.
/// </summary>
/// <param name="chineseName">The label in Chinese, shown first: 出生日期.</param>
/// <param name="englishName">The label in English: Birth date.</param>
/// <param name="description">What the field means, in Chinese, with the rule id where one applies.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public class ActivityInputAttribute(string chineseName, string englishName, string description) : Attribute
{
    public string ChineseName { get; } = chineseName;

    public string EnglishName { get; } = englishName;

    public string Description { get; } = description;

    /// <summary>
    /// What the command takes when the field is left empty, e.g. "本程序的干部" or "县域当天"; without it the designer states the
    /// command's own default, or that the field is required.
    /// </summary>
    public string? WhenEmpty { get; init; }

    /// <summary>Long text (notes, findings, grounds): the designer offers a box of several lines.</summary>
    public bool Multiline { get; init; }
}

/// <summary>The procedure's cadre, as every command naming one (<c>CadreId</c>) describes it.</summary>
public sealed class CadreInputAttribute : ActivityInputAttribute
{
    public CadreInputAttribute() : base("干部", "Cadre", "本程序所涉的干部：干部档案中的编号（C3）。") => WhenEmpty = "本程序的干部";
}

/// <summary>The disposition case a step records (<c>CaseId</c>, D3).</summary>
public sealed class CaseInputAttribute : ActivityInputAttribute
{
    public CaseInputAttribute() : base("组织处理案件", "Disposition case", "所记录的组织处理案件（D3）。") => WhenEmpty = "本程序的案件（动议启动结果中的 caseId）";
}

/// <summary>The Chinese text of an enum value in the designer's dropdown; the value stored stays the enum member's name.</summary>
/// <param name="chineseName">The value in Chinese: 党组织集体提名.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ChoiceAttribute(string chineseName) : Attribute
{
    public string ChineseName { get; } = chineseName;
}

/// <summary>The Chinese names enum values carry (<see cref="ChoiceAttribute"/>), for the designer and for records written in Chinese.</summary>
public static class Choices
{
    /// <summary>The value's <see cref="ChoiceAttribute"/> name, else the member's own name.</summary>
    public static string ChineseName<T>(T value) where T : struct, Enum => ChineseName(typeof(T), value.ToString());

    /// <summary>The <see cref="ChoiceAttribute"/> name of <paramref name="member"/> of <paramref name="enumType"/>, else the member's own name.</summary>
    public static string ChineseName(Type enumType, string member) =>
        enumType.GetField(member) is { } field && System.Reflection.CustomAttributeExtensions.GetCustomAttribute<ChoiceAttribute>(field) is { } choice
            ? choice.ChineseName
            : member;
}
