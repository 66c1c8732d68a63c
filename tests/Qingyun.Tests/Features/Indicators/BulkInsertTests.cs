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

    /// <summary>The two rows holding <paramref name="value"/> in <paramref name="column"/>, compared cell by cell (value and stored type).</summary>
    private async Task AssertSameAsync(string table, string column, string value, string[] differing)
    {
        var rows = await app.AsSystemAsync(async (_, db) =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{column}\" = @v";
            var p = command.CreateParameter();
            p.ParameterName = "@v";
            p.Value = value;
            command.Parameters.Add(p);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var found = new List<Dictionary<string, object>>();
            while (await reader.ReadAsync())
            {
                found.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
            }
            return found;
        });
        Assert.Equal(2, rows.Count);
        foreach (var (name, ef) in rows[0].Where(c => !differing.Contains(c.Key)))
        {
            var bulk = rows[1][name];
            Assert.True(Equals(ef, bulk) || (ef is byte[] a && bulk is byte[] b && a.SequenceEqual(b)),
                $"{table}.{name}: one row holds {ef} ({ef.GetType().Name}), the other {bulk} ({bulk.GetType().Name})");
        }
    }
}

public sealed class BulkInsertOnSqlite(SqliteApp app) : BulkInsertTests(app), IClassFixture<SqliteApp>;

public sealed class BulkInsertOnPostgres(PostgresApp app) : BulkInsertTests(app), IClassFixture<PostgresApp>;
