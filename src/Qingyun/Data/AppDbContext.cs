using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Data;

/// <summary>
/// The one DbContext. Scope is enforced here: every scoped entity has a named query filter "Scope"
/// that keeps only rows whose unit lies under one of the current user's grant paths for the matching
/// read permission, so a query cannot forget it.
///
/// There is one migrations set per provider, each on its own derived context. To add a migration:
///   dotnet ef migrations add Name -p src/Qingyun -c SqliteAppDbContext -o Data/Migrations/Sqlite
///   dotnet ef migrations add Name -p src/Qingyun -c PostgresAppDbContext -o Data/Migrations/Postgres
/// </summary>
public abstract class AppDbContext(DbContextOptions options, CurrentScope scope)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string ScopeFilter = "Scope";
    public const string SoftDeleteFilter = "SoftDelete";

    public CurrentScope Scope { get; } = scope;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<OrgUnitEvent> OrgUnitEvents => Set<OrgUnitEvent>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters; EF Core evaluates these per query, not once per model.
    private bool ScopeUnrestricted => Scope.Unrestricted;
    private string[] UnitReadPaths => Scope.PathsWith(Permission.UnitsRead);
    private string[] PeopleReadPaths => Scope.PathsWith(Permission.PeopleRead);
    private string[] AuditReadPaths => Scope.PathsWith(Permission.AuditRead);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace == typeof(AppDbContext).Namespace + ".Configurations");

        builder.Entity<OrgUnit>().HasQueryFilter(ScopeFilter,
            u => ScopeUnrestricted || UnitReadPaths.Any(p => u.Path.StartsWith(p)));
        builder.Entity<OrgUnitEvent>().HasQueryFilter(ScopeFilter,
            e => ScopeUnrestricted || Set<OrgUnit>().Any(u => u.Id == e.UnitId && UnitReadPaths.Any(p => u.Path.StartsWith(p))));
        builder.Entity<Person>().HasQueryFilter(ScopeFilter,
            x => ScopeUnrestricted || Set<OrgUnit>().Any(u => u.Id == x.UnitId && PeopleReadPaths.Any(p => u.Path.StartsWith(p))));
        builder.Entity<Person>().HasQueryFilter(SoftDeleteFilter, x => x.DeletedAt == null);
        builder.Entity<AuditEntry>().HasQueryFilter(ScopeFilter,
            a => ScopeUnrestricted || (a.UnitId != null && Set<OrgUnit>().Any(u => u.Id == a.UnitId && AuditReadPaths.Any(p => u.Path.StartsWith(p)))));
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentScope scope)
    : AppDbContext(options, scope)
{
    // SQLite has no date-time-with-offset type; stored as UTC ticks so it sorts and compares in SQL.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentScope scope)
    : AppDbContext(options, scope);
