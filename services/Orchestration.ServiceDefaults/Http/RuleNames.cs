using System.Collections.Frozen;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// The name of each rule of DOMAIN.md (and of the two the seeds add, N9 and N10), in Chinese as the seeds put it and in English as
/// DOMAIN.md does, so a refusal and the printed record say which rule in words the department uses, not only its id.
/// </summary>
public static class RuleNames
{
    static readonly FrozenDictionary<string, (string Chinese, string English)> Names = new Dictionary<string, (string, string)>
    {
        ["C1"] = ("选任全程纪实", "Full-process record"),
        ["C2"] = ("谁提名谁负责", "Who nominates is responsible"),
        ["C3"] = ("一人一档", "One person, one file"),
        ["C4"] = ("公示与举报查核", "Publicity and reports"),
        ["C5"] = ("按工作日计算", "Working days"),
        ["N1"] = ("动议依据", "Motion grounds"),
        ["N2"] = ("干部调整限额", "Motion quotas"),
        ["N3"] = ("提名主体", "Nominators"),
        ["N4"] = ("从后备干部中提名", "Source"),
        ["N5"] = ("民主推荐得票", "Recommendation threshold"),
        ["N6"] = ("一年内不得再次推荐", "Cool-off"),
        ["N7"] = ("推荐渠道权重", "Weighted channels"),
        ["N8"] = ("不作为提名人选的情形", "Disqualifiers"),
        // Beyond DOMAIN.md, from the seeds (README "Procedures"): the first of seed 004's gates, and seed 000's election discipline.
        ["N9"] = ("编制职数", "Establishment"),
        ["N10"] = ("换届纪律", "Election discipline"),
        ["V1"] = ("考察预告与差额考察", "Inspection"),
        ["V2"] = ("“三龄一历”审核", "Three ages and one history"),
        ["V3"] = ("任前廉政法规考试", "Integrity exam"),
        ["V4"] = ("个人有关事项两次公开", "Personal-matters disclosure, two rounds"),
        ["V5"] = ("酝酿", "Deliberation"),
        ["V6"] = ("常委会讨论决定", "Decision meeting"),
        ["V7"] = ("任前报备审核", "Pre-filing"),
        ["V8"] = ("任前公示", "Pre-appointment publicity"),
        ["V9"] = ("试用期", "Probation"),
        ["A1"] = ("按预算定级", "Base tier by budget"),
        ["A2"] = ("审计频次", "Audit frequency"),
        ["A3"] = ("动态调整分级", "Re-grading"),
        ["A4"] = ("先审后离", "Audit before departure"),
        ["A5"] = ("审计结果运用", "Results feed personnel decisions"),
        ["D1"] = ("问题线索来源", "Sources"),
        ["D2"] = ("量化启动条件", "Quantitative triggers"),
        ["D3"] = ("组织处理六个环节", "Six steps"),
        ["D4"] = ("处理方式", "Measures"),
        ["D5"] = ("改任非领导职务", "Non-leadership transfer"),
        ["D6"] = ("跟踪回访", "Follow-up"),
        ["P1"] = ("基础报酬", "Base pay"),
        ["P2"] = ("绩效报酬", "Performance pay"),
        ["P3"] = ("选聘享受事业单位待遇", "Selection to public-institution pay"),
        ["P4"] = ("离任补贴", "Retirement subsidy"),
    }.ToFrozenDictionary();

    /// <summary>Every rule id with its names.</summary>
    public static IEnumerable<(string RuleId, string Chinese, string English)> All => Names.Select(n => (n.Key, n.Value.Chinese, n.Value.English));

    /// <summary>The rule's Chinese name, or null for an id DOMAIN.md does not have.</summary>
    public static string? Chinese(string? ruleId) => ruleId is not null && Names.TryGetValue(ruleId, out var name) ? name.Chinese : null;

    /// <summary>The rule's English name, or null for an id DOMAIN.md does not have.</summary>
    public static string? English(string? ruleId) => ruleId is not null && Names.TryGetValue(ruleId, out var name) ? name.English : null;

    /// <summary>The id followed by its Chinese name ("V7 任前报备审核"); the id alone when it has none; "" for none.</summary>
    public static string Shown(string? ruleId) => Chinese(ruleId) is { } name ? $"{ruleId} {name}" : ruleId ?? "";

    /// <summary>The title of a refusal by <paramref name="ruleIds"/>, in Chinese then English.</summary>
    public static string RefusalTitle(IReadOnlyCollection<string> ruleIds) =>
        $"{string.Join("、", ruleIds.Select(id => Chinese(id) is { } zh ? $"规则 {id}（{zh}）" : $"规则 {id}"))}不允许此请求 · "
        + $"Rule {string.Join(", ", ruleIds.Select(id => English(id) is { } en ? $"{id} ({en})" : id))} refused the request.";
}
