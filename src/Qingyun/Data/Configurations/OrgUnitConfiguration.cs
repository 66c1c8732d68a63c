using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Organization;

namespace Qingyun.Data.Configurations;

public sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.Property(u => u.Code).HasMaxLength(OrgUnit.CodeMaxLength).IsRequired();
        builder.Property(u => u.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(u => u.Path).HasMaxLength(1024).IsRequired();
        builder.Property(u => u.Kind).HasConversion<int>();
        builder.Property(u => u.BodyType).HasConversion<int>();
        builder.Ignore(u => u.IsClosed);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Path);
        builder.HasIndex(u => new { u.ParentId, u.SortOrder });
        builder.HasIndex(u => u.RootId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
