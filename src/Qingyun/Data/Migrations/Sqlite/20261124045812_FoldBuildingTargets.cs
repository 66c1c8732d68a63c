using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FoldBuildingTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A League-building target becomes two figures' targets (decision 014): building.built = Organizations,
            // building.members = NewMembers, set from the unit's parent (or by itself for a top unit); a target
            // already set on the figures' page for that unit, year and code wins. EF keeps a Guid here as upper-case
            // TEXT with dashes and a decimal as TEXT like "12.0": the ids are version-4 Guids built from randomblob.
            migrationBuilder.Sql(
                """
                INSERT INTO "IndicatorTargets" ("Id", "UnitId", "Year", "Code", "Value", "SetByUnitId", "SetBy", "UpdatedAt")
                SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
                       || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
                       b."UnitId", b."Year", c."Code",
                       printf('%d.0', CASE c."Code" WHEN 'building.built' THEN b."Organizations" ELSE b."NewMembers" END),
                       coalesce(u."ParentId", u."Id"), b."SetByUserName", b."UpdatedAt"
                FROM "BuildingTargets" AS b
                JOIN "OrgUnits" AS u ON u."Id" = b."UnitId"
                CROSS JOIN (SELECT 'building.built' AS "Code" UNION ALL SELECT 'building.members') AS c
                WHERE NOT EXISTS (SELECT 1 FROM "IndicatorTargets" AS t WHERE t."UnitId" = b."UnitId" AND t."Year" = b."Year" AND t."Code" = c."Code");
                """);

            migrationBuilder.DropTable(
                name: "BuildingTargets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuildingTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NewMembers = table.Column<int>(type: "INTEGER", nullable: false),
                    Organizations = table.Column<int>(type: "INTEGER", nullable: false),
                    SetByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuildingTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuildingTargets_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuildingTargets_UnitId_Year",
                table: "BuildingTargets",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            // Back again: a unit and year with both building targets gets its BuildingTarget row; they stay figures' targets too.
            migrationBuilder.Sql(
                """
                INSERT INTO "BuildingTargets" ("Id", "UnitId", "Year", "Organizations", "NewMembers", "SetByUserName", "UpdatedAt")
                SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
                       || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)),
                       o."UnitId", o."Year", CAST(o."Value" AS INTEGER), CAST(m."Value" AS INTEGER), o."SetBy", max(o."UpdatedAt", m."UpdatedAt")
                FROM "IndicatorTargets" AS o
                JOIN "IndicatorTargets" AS m ON m."UnitId" = o."UnitId" AND m."Year" = o."Year" AND m."Code" = 'building.members'
                WHERE o."Code" = 'building.built';
                """);
        }
    }
}
