using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Qingyun.Domain;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Building;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Features.Indicators;

/// <summary>
/// Leaves a stale mark on the unit of every record an indicator counts, in the SaveChanges that changes it, so
/// the roll-ups can never miss a committed change (decision 014). A record that moves between units marks both.
/// A unit that moves marks its old and new parents for a retotal. Writes that bypass SaveChanges (bulk inserts,
/// set-based updates) mark their units themselves.
/// </summary>
public sealed class StaleMarks(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The records <see cref="OwnFigures"/> counts. A new indicator over a new kind of record adds its type here.</summary>
    private static readonly HashSet<Type> Counted =
    [
        typeof(Membership), typeof(CadreTerm), typeof(Recommendation), typeof(Volunteer), typeof(ServiceEntry), typeof(Activity),
        typeof(Participation), typeof(AssistanceCase), typeof(CaseVisit), typeof(CasePlan), typeof(NewOrganization),
        typeof(NewOrganizationEvent), typeof(SocialOrganization), typeof(DirectBinding), typeof(DirectContactYouth), typeof(IndicatorReport),
    ];

    /// <summary>Whether a change to this kind of record leaves a stale mark (bulk writes mark the same kinds).</summary>
    public static bool Counts(Type type) => Counted.Contains(type);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Mark(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var recount = new HashSet<Guid>();
        var retotal = new HashSet<Guid>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.Entity is OrgUnit unit)
            {
                if (entry.State == EntityState.Modified && entry.Property(nameof(OrgUnit.ParentId)).IsModified)
                {
                    AddGuid(retotal, entry, nameof(OrgUnit.ParentId));
                }
                continue;
            }
            if (!Counted.Contains(entry.Metadata.ClrType))
            {
                continue;
            }
            AddGuid(recount, entry, nameof(IUnitOwned.UnitId));
            if (entry.Entity is Membership)
            {
                AddGuid(recount, entry, nameof(Membership.JoinedUnitId));
            }
        }
        if (recount.Count + retotal.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var id in recount)
        {
            context.Add(new FigureStale { UnitId = id, At = now });
        }
        foreach (var id in retotal)
        {
            context.Add(new FigureStale { UnitId = id, Retotal = true, At = now });
        }
    }

    /// <summary>The current and, for a change, the original value of a unit reference.</summary>
    private static void AddGuid(HashSet<Guid> into, EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        if (p.CurrentValue is Guid now && now != Guid.Empty)
        {
            into.Add(now);
        }
        if (entry.State == EntityState.Modified && p.OriginalValue is Guid before && before != Guid.Empty)
        {
            into.Add(before);
        }
    }
}
