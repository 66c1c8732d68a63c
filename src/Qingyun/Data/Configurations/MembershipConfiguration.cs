using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;

namespace Qingyun.Data.Configurations;

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.MemberNumber).HasMaxLength(Membership.MemberNumberMaxLength).IsRequired();
        builder.Property(m => m.JoinedUnitName).HasMaxLength(OrgUnit.NameMaxLength);
        builder.Property(m => m.Status).HasConversion<int>();
        builder.Ignore(m => m.IsActive);
        // One membership per person; member numbers are unique nationally.
        builder.HasIndex(m => m.PersonId).IsUnique();
        builder.HasIndex(m => m.MemberNumber).IsUnique();
        // The roster list: a unit's members in id order (keyset paging), by status.
        builder.HasIndex(m => new { m.UnitId, m.Id });
        builder.HasIndex(m => new { m.UnitId, m.Status });
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MembershipEventConfiguration : IEntityTypeConfiguration<MembershipEvent>
{
    public void Configure(EntityTypeBuilder<MembershipEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.Before).HasMaxLength(500);
        builder.Property(e => e.After).HasMaxLength(500);
        builder.Property(e => e.ByUserName).HasMaxLength(256);
        builder.HasIndex(e => new { e.MembershipId, e.At });
        builder.HasOne<Membership>().WithMany().HasForeignKey(e => e.MembershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
