using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;

namespace Qingyun.Data.Configurations;

public sealed class NewOrganizationConfiguration : IEntityTypeConfiguration<NewOrganization>
{
    public void Configure(EntityTypeBuilder<NewOrganization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(NewOrganization.NameMaxLength).IsRequired();
        builder.Property(o => o.CreditCode).HasMaxLength(CreditCode.Length).IsRequired();
        builder.Property(o => o.Address).HasMaxLength(NewOrganization.AddressMaxLength);
        builder.Property(o => o.ContactName).HasMaxLength(NewOrganization.ContactNameMaxLength);
        builder.Property(o => o.ContactPhoneMasked).HasMaxLength(20);
        builder.Property(o => o.Kind).HasConversion<int>();
        builder.Property(o => o.Status).HasConversion<int>();
        // An organization is tracked once, nationally: its credit code says which one it is.
        builder.HasIndex(o => o.CreditCode).IsUnique();
        // The list: a unit's organizations in id order (keyset paging); progress: built ones by date.
        builder.HasIndex(o => new { o.UnitId, o.Id });
        builder.HasIndex(o => new { o.UnitId, o.Status, o.BuiltOn });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.LeagueUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NewOrganizationEventConfiguration : IEntityTypeConfiguration<NewOrganizationEvent>
{
    public void Configure(EntityTypeBuilder<NewOrganizationEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.Before).HasMaxLength(500);
        builder.Property(e => e.After).HasMaxLength(500);
        builder.Property(e => e.ByUserName).HasMaxLength(256);
        builder.HasIndex(e => new { e.OrganizationId, e.At });
        // A year's members added: the dated deltas.
        builder.HasIndex(e => new { e.On, e.OrganizationId });
        builder.HasOne<NewOrganization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
