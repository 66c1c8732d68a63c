namespace Qingyun.Domain;

/// <summary>Every record hangs off an organization unit; the scope filter reads this.</summary>
public interface IUnitOwned
{
    Guid UnitId { get; }
}
