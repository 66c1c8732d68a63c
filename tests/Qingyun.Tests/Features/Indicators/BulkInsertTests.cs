using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// Imports, check-ins and figure rebuilds write in bulk (COPY; prepared SQLite statements bound cell by cell), beside
/// EF Core's own writes. A row written either way must be stored the same, cell for cell and (on SQLite) type for
/// type: a Guid stored in another case or a date in another format would no longer match the rows EF writes and reads.
/// </summary>
public abstract class BulkInsertTests(QingyunApp app)
{
    [Fact]
    public async Task ARowWrittenInBulk_IsStoredCellForCell_AsEfStoresIt()
    {
        var marker = "bulk-" + Guid.NewGuid().ToString("N")[..10];
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1230); // whole microseconds (PostgreSQL's precision)
        var membershipId = await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().Select(m => m.Id).FirstAsync());
        var unit = app.World.BranchA1;

        Person NewPerson(string index) => new()
        {
            UnitId = unit.Id, Name = marker, Gender = Gender.Female, BirthDate = new DateOnly(2001, 2, 3), Ethnicity = null,
            PoliticalStatus = PoliticalStatus.LeagueMember, Workplace = "青云科技 \"引号\" 'quote' ∑", Address = "",
            IdNumberCipher = [1, 2, 3, 0, 255], IdNumberIndex = index + "i", IdNumberMasked = "1101********0016",
            PhoneCipher = null, PhoneIndex = index + "p", PhoneMasked = null, CreatedAt = at, UpdatedAt = at.AddDays(1),
        };
        FigureTally NewTally(string key) => new() { UnitId = unit.Id, Code = marker, Year = 2026, Month = 3, Key = key, Own = 12.5m, Total = 0m };
        FigureSubject NewSubject() => new() { UnitId = unit.Id, Code = marker, Year = 2026, SubjectId = Guid.NewGuid(), Own = true, Refs = 3 };
        MembershipEvent NewEvent() => new()
        {
            MembershipId = membershipId, UnitId = unit.Id, Kind = MembershipEventKind.Imported, Before = null, After = marker, ByUserName = "管理员", At = at,
        };

        await app.AsSystemAsync(async (_, db) =>
        {
            db.People.Add(NewPerson(marker + "a"));
            db.Add(NewTally("a"));
            db.Add(NewSubject());
            db.Add(NewEvent());
            await db.SaveChangesAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.InsertAsync([NewPerson(marker + "b")], default);
            await db.InsertAsync([NewTally("b")], default);
            await db.InsertAsync([NewSubject()], default);
            await db.InsertAsync([NewEvent()], default);
            await tx.CommitAsync();
            return 0;
        });

        await AssertSameAsync("People", "Name", marker, ["Id", "IdNumberIndex", "PhoneIndex"]);
        await AssertSameAsync("FigureTallies", "Code", marker, ["Key"]);
        await AssertSameAsync("FigureSubjects", "Code", marker, ["SubjectId"]);
        await AssertSameAsync("MembershipEvents", "After", marker, ["Id"]);
    }

    [Fact]
    public async Task ABulkRowAUniqueIndexRefuses_FailsAsAUniqueViolation_AndTheTransactionWritesNothing()
    {
        var marker = "bulk-" + Guid.NewGuid().ToString("N")[..10];
        var unit = app.World.BranchA1;
        var now = app.Clock.GetUtcNow();
        Person NewPerson() => new()
        {
            UnitId = unit.Id, Name = marker, Gender = Gender.Male, BirthDate = new DateOnly(2000, 1, 1), PoliticalStatus = PoliticalStatus.Masses,
            IdNumberIndex = marker, CreatedAt = now, UpdatedAt = now,
        };
        var refused = await app.AsSystemAsync(async (_, db) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            try
            {
                // As the member import writes: inside a block whose keys are vouched for (on PostgreSQL), whose end must
                // not hide the refusal behind "transaction aborted".
                await using (await db.KeysVouchedForAsync([(nameof(AppDbContext.OrgUnits), [unit.Id])], default))
                {
                    await db.InsertAsync([NewPerson(), NewPerson()], default);
                }
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        Assert.NotNull(refused);
        Assert.True(BulkInsert.IsUniqueViolation(refused), refused.ToString());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync(p => p.Name == marker)));
    }

    /// <summary>
    /// A check-in group's rows and audit lines are written together (on PostgreSQL as column arrays in one statement
    /// per table, one round trip): each row stored as EF stores it, nulls and all, and a counted record's unit marked
    /// for a recount in the same write.
    /// </summary>
    [Fact]
    public async Task TwoSetsWrittenTogether_AreStoredCellForCell_AsEfStoresThem_AndMarkTheirUnits()
    {
        var marker = "together-" + Guid.NewGuid().ToString("N")[..10];
        var at = new DateTimeOffset(2026, 6, 7, 8, 9, 10, TimeSpan.Zero).AddTicks(4560);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var unit = app.World.BranchA1;
        Person NewPerson(string index, string? workplace) => new()
        {
            UnitId = unit.Id, Name = marker, Gender = Gender.Male, BirthDate = new DateOnly(2003, 4, 5), PoliticalStatus = PoliticalStatus.LeagueMember,
            Workplace = workplace, IdNumberCipher = [9, 0, 7], IdNumberIndex = index, IdNumberMasked = "1101********0016", PhoneIndex = index + "p",
            CreatedAt = at, UpdatedAt = at,
        };
        Membership NewMembership(Person p, string number, int? year) => new()
        {
            PersonId = p.Id, UnitId = unit.Id, MemberNumber = number, JoinedOn = new DateOnly(2019, 5, 4), JoinedUnitName = marker,
            Status = MemberStatus.Floating, IsStudent = true, RegisteredYear = year, CreatedAt = at, UpdatedAt = at,
        };

        await app.AsSystemAsync(async (_, db) =>
        {
            var byEf = NewPerson(marker + "a", null);
            db.People.Add(byEf);
            db.Memberships.Add(NewMembership(byEf, marker + "-1", null));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var together = NewPerson(marker + "b", null);
            await db.InsertTogetherAsync([together], [NewMembership(together, marker + "-2", null)], default);
            // A second pair where the nullable cells hold values (an array of nullables carries both).
            var withValues = NewPerson(marker + "c", "青云 \"引号\"");
            await db.InsertTogetherAsync([withValues], [NewMembership(withValues, marker + "-3", 2025)], default);
            return 0;
        });

        await AssertSameAsync("People", "IdNumberMasked", "1101********0016", ["Id", "IdNumberIndex", "PhoneIndex", "Workplace"], marker, expected: 3);
        await AssertSameAsync("Memberships", "JoinedUnitName", marker, ["Id", "PersonId", "MemberNumber", "RegisteredYear"], expected: 3);
        var stored = await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().Where(m => m.JoinedUnitName == marker)
            .OrderBy(m => m.MemberNumber).Select(m => new { m.RegisteredYear, Workplace = db.People.IgnoreQueryFilters().Where(p => p.Id == m.PersonId).Select(p => p.Workplace).First() })
            .ToListAsync());
        Assert.Equal([null, null, 2025], stored.Select(s => s.RegisteredYear));
        Assert.Equal([null, null, "青云 \"引号\""], stored.Select(s => s.Workplace));
        Assert.True(await app.AsSystemAsync((_, db) => db.FigureStales.IgnoreQueryFilters().AnyAsync(s => s.UnitId == unit.Id && s.At >= since)),
            "the memberships' unit was not marked for a recount");
    }

    [Fact]
    public async Task TwoSetsWrittenTogether_ARowTheUniqueIndexRefuses_WritesNeitherSet()
    {
        var marker = "together-" + Guid.NewGuid().ToString("N")[..10];
        var unit = app.World.BranchA1;
        var now = app.Clock.GetUtcNow();
        Person NewPerson(string index) => new()
        {
            UnitId = unit.Id, Name = marker, Gender = Gender.Female, BirthDate = new DateOnly(2002, 2, 2), PoliticalStatus = PoliticalStatus.Masses,
            IdNumberIndex = index, CreatedAt = now, UpdatedAt = now,
        };
        var refused = await app.AsSystemAsync(async (_, db) =>
            await Record.ExceptionAsync(() => db.InsertTogetherAsync([NewPerson(marker + "first")], [NewPerson(marker), NewPerson(marker)], default)));
        Assert.NotNull(refused);
        Assert.True(BulkInsert.IsUniqueViolation(refused), refused.ToString());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync(p => p.Name == marker)));
    }

    /// <summary>
    /// A district's import writes without the per-row key checks where PostgreSQL lets it (the test server's role is a
    /// superuser), having locked what its rows point at. A unit gone by then stops the write; and once the block ends,
    /// the same transaction's next row is checked again: a membership of nobody is refused.
    /// </summary>
    [Fact]
    public async Task KeysVouchedFor_StopsAtARowThatIsGone_AndTheDatabaseChecksKeysAgainAfterwards()
    {
        var unit = app.World.BranchA1;
        var now = app.Clock.GetUtcNow();
        var (gone, vouched, refused) = await app.AsSystemAsync(async (_, db) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var gone = await Record.ExceptionAsync(() => db.KeysVouchedForAsync([(nameof(AppDbContext.OrgUnits), [unit.Id, Guid.NewGuid()])], default));
            bool vouched;
            await using (var keys = await db.KeysVouchedForAsync([(nameof(AppDbContext.OrgUnits), [unit.Id])], default))
            {
                vouched = keys is not null;
            }
            db.Memberships.Add(new Membership
            {
                PersonId = Guid.NewGuid(), UnitId = unit.Id, MemberNumber = "VOUCH-" + Guid.NewGuid().ToString("N")[..8], JoinedOn = new DateOnly(2020, 5, 4),
                Status = MemberStatus.Registered, CreatedAt = now, UpdatedAt = now,
            });
            var refused = await Record.ExceptionAsync(() => db.SaveChangesAsync());
            return (gone, vouched, refused);
        });

        Assert.Equal(app.Provider == "Postgres", vouched);
        if (vouched)
        {
            Assert.Contains("1 of the OrgUnits rows", Assert.IsType<InvalidOperationException>(gone).Message);
        }
        Assert.IsType<DbUpdateException>(refused);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.MemberNumber.StartsWith("VOUCH-"))));
    }

    /// <summary>The rows holding <paramref name="value"/> in <paramref name="column"/> (and <paramref name="withName"/> as Name), compared cell by cell with the first (value and stored type).</summary>
    private async Task AssertSameAsync(string table, string column, string value, string[] differing, string? withName = null, int expected = 2)
    {
        var rows = await app.AsSystemAsync(async (_, db) =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{column}\" = @v" + (withName is null ? "" : " AND \"Name\" = @n");
            var p = command.CreateParameter();
            p.ParameterName = "@v";
            p.Value = value;
            command.Parameters.Add(p);
            if (withName is not null)
            {
                var n = command.CreateParameter();
                n.ParameterName = "@n";
                n.Value = withName;
                command.Parameters.Add(n);
            }
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var found = new List<Dictionary<string, object>>();
            while (await reader.ReadAsync())
            {
                found.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
            }
            return found;
        });
        Assert.Equal(expected, rows.Count);
        foreach (var other in rows.Skip(1))
        {
            foreach (var (name, ef) in rows[0].Where(c => !differing.Contains(c.Key)))
            {
                var bulk = other[name];
                Assert.True(Equals(ef, bulk) || (ef is byte[] a && bulk is byte[] b && a.SequenceEqual(b)),
                    $"{table}.{name}: one row holds {ef} ({ef.GetType().Name}), another {bulk} ({bulk.GetType().Name})");
            }
        }
    }
}

public sealed class BulkInsertOnSqlite(SqliteApp app) : BulkInsertTests(app), IClassFixture<SqliteApp>;

public sealed class BulkInsertOnPostgres(PostgresApp app) : BulkInsertTests(app), IClassFixture<PostgresApp>;
