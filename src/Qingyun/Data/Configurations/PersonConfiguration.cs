using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;

namespace Qingyun.Data.Configurations;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.Gender).HasConversion<int>();
        builder.Property(p => p.PoliticalStatus).HasConversion<int>();
        builder.Property(p => p.Education).HasConversion<int?>();
        builder.Property(p => p.Ethnicity).HasMaxLength(20);
        builder.Property(p => p.Workplace).HasMaxLength(100);
        builder.Property(p => p.Address).HasMaxLength(200);
        builder.Property(p => p.IdNumberIndex).HasMaxLength(64);
        builder.Property(p => p.IdNumberMasked).HasMaxLength(18);
        builder.Property(p => p.PhoneIndex).HasMaxLength(64);
        builder.Property(p => p.PhoneMasked).HasMaxLength(11);
        // De-duplication: one person per ID number, one per phone (soft-deleted ones keep theirs).
        builder.HasIndex(p => p.IdNumberIndex).IsUnique();
        builder.HasIndex(p => p.PhoneIndex).IsUnique();
        builder.HasIndex(p => new { p.UnitId, p.Id });
        // No index on Name: searches are "contains" (LIKE '%…%'), which no B-tree serves, and every import pays for one.
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
