namespace Orchestration.VillagePay.Villages;

/// <summary>A village (嘎查村) whose two committees' principal is paid by this service.</summary>
public sealed class Village
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public required string Township { get; set; }

    public int Population { get; set; }

    /// <summary>The principal of the two committees (两委正职) now in post; null while the post is vacant.</summary>
    public string? PrincipalName { get; set; }

    /// <summary>P1, from the population band when the village was registered.</summary>
    public decimal BasePay { get; set; }
}
