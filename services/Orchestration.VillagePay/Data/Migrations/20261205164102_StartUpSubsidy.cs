using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.VillagePay.Data.Migrations
{
    /// <inheritdoc />
    public partial class StartUpSubsidy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "StartUpSubsidy",
                table: "payroll_lines",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "start_up_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Village = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServedFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Business = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RegistrationReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_start_up_grants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_start_up_grants_TenantId_GrantedOn",
                table: "start_up_grants",
                columns: new[] { "TenantId", "GrantedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_start_up_grants_TenantId_Name_Village_ServedFrom",
                table: "start_up_grants",
                columns: new[] { "TenantId", "Name", "Village", "ServedFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "start_up_grants");

            migrationBuilder.DropColumn(
                name: "StartUpSubsidy",
                table: "payroll_lines");
        }
    }
}
