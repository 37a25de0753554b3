// CSV as other tools write it: pandas without column names and after a round trip, Latin-1
// micro signs (Excel, pandas encoding='latin-1'), units after the name without brackets, time
// columns known by their unit, in ns or µs, or holding date/time stamps (pandas DatetimeIndex
// and TimedeltaIndex, Polar Sensor Logger, Kardia-like ISO stamps), and files with a preamble of
// "key, value" lines (Apple Watch ECG export, LabChart text export). Each fixture imitates the
// bytes the tool writes; the comment above it says which tool and call.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <tuple>
#include <utility>

#include "csv_test_reader.h"
#include "formats/wfdb_text.h"

namespace qrs {
namespace {

using test::any_contains;
using test::csv_error_of;
using test::ecg_mv;
using test::format;
using test::read_csv_text;
using test::table;

void expect_valid_utf8(const std::vector<std::string>& messages) {
  for (const std::string& m : messages) EXPECT_EQ(formats::text::to_utf8(m), m) << m;
}

// pd.DataFrame(arr).to_csv(): the column numbers as titles over an unnamed index column.
TEST(CsvToolExports, PandasFrameWithoutColumnNames) {
  std::vector<std::string> w;
  const auto r = read_csv_text("frame.csv",
                               table(",0,1,2\n", 40,
                                     [](std::size_t i) {
                                       return std::to_string(i) + "," +
                                              format("%.17g", ecg_mv(i, 500)) + ",0.5,-0.25";
                                     }),
                               500, &w);
  ASSERT_EQ(r[0].leads.size(), 3u);
  EXPECT_EQ(r[0].leads[0].name, "lead0");
  EXPECT_EQ(r[0].leads[2].name, "lead2");
  EXPECT_EQ(r[0].length(), 40u);  // the header is no sample
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], float(ecg_mv(0, 500)));
  EXPECT_TRUE(any_contains(w, "column 1 counts samples"));
  EXPECT_FALSE(any_contains(w, "NaN"));
}

// pd.DataFrame(arr).to_csv(index=False) and pd.Series(x).to_csv().
TEST(CsvToolExports, PandasFrameWithoutIndexAndUnnamedSeries) {
  const auto frame = read_csv_text("noindex.csv", "0,1,2\n0.5,0.25,-0.125\n0.4,0.2,-0.1\n", 500);
  ASSERT_EQ(frame[0].leads.size(), 3u);
  EXPECT_EQ(frame[0].leads[1].name, "lead1");
  EXPECT_EQ(frame[0].length(), 2u);
  EXPECT_FLOAT_EQ(frame[0].leads[0].samples[0], 0.5f);

  const auto series = read_csv_text("series.csv", ",0\n0,0.5\n1,0.25\n2,-0.125\n", 500);
  ASSERT_EQ(series[0].leads.size(), 1u);
  EXPECT_EQ(series[0].leads[0].name, "lead0");
  EXPECT_EQ(series[0].length(), 3u);
}

// "0,1" then "1,2": the first row of a sample index and a lead, not pandas' titles.
TEST(CsvToolExports, CountingFirstRowIsDataNotANumberedHeader) {
  std::vector<std::string> w;
  const auto r = read_csv_text("idx.csv", "0,1\n1,2\n2,3\n3,4\n", 500, &w);
  ASSERT_EQ(r[0].leads.size(), 1u);
  EXPECT_EQ(r[0].length(), 4u);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 1.f);
  EXPECT_TRUE(any_contains(w, "column 1 counts samples"));
}

// pd.read_csv(f).to_csv(): pandas names the old index "Unnamed: 0" and writes a new one.
TEST(CsvToolExports, PandasRoundTripIndexColumnsAreDroppedWhereverTheyStand) {
  std::vector<std::string> w;
  const auto r =
      read_csv_text("rt.csv", ",Unnamed: 0,i,ii\n0,0,0.1,0.2\n1,1,0.3,0.4\n2,2,0.5,0.6\n", 500, &w);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "i");
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[2], 0.6f);
  EXPECT_TRUE(any_contains(w, "column 1 counts samples"));
  EXPECT_TRUE(any_contains(w, "column 2 ('Unnamed: 0') counts samples"));

  const auto no_index =
      read_csv_text("rt.csv", "Unnamed: 0,i,ii\n0,0.1,0.2\n1,0.3,0.4\n2,0.5,0.6\n", 500);
  ASSERT_EQ(no_index[0].leads.size(), 2u);
  EXPECT_EQ(no_index[0].leads[0].name, "i");

  // An untitled column that does not count is a lead.
  const auto lead = read_csv_text("u.csv", "i,Unnamed: 1\n0.1,0.2\n0.3,0.1\n0.5,0.7\n", 500);
  ASSERT_EQ(lead[0].leads.size(), 2u);
  EXPECT_EQ(lead[0].leads[1].name, "Unnamed: 1");
}

// df.to_csv(encoding='latin-1') and Excel's Windows-1252: the micro sign is the byte B5.
TEST(CsvToolExports, Latin1MicroSignIsMicrovolts) {
  std::vector<std::string> w;
  const auto titles = read_csv_text("l1.csv", "i (\xB5V),ii (\xB5V)\n100,-50\n200,-25\n", 500, &w);
  EXPECT_FLOAT_EQ(titles[0].leads[0].samples[0], 0.1f);
  EXPECT_FLOAT_EQ(titles[0].leads[1].samples[1], -0.025f);
  EXPECT_TRUE(w.empty()) << w.front();

  const auto units_row =
      read_csv_text("l1.csv",
                    "time,I,II\ns,\xB5V,\xB5V\n0.000,100.0,-50.0\n0.002,200.0,-25.0\n"
                    "0.004,300.0,0.0\n",
                    0, &w);
  EXPECT_DOUBLE_EQ(units_row[0].fs, 500);
  EXPECT_FLOAT_EQ(units_row[0].leads[0].samples[2], 0.3f);
}

// Names, units and cells from a Latin-1 file reach messages (and the page) as valid UTF-8.
TEST(CsvToolExports, MessagesAreValidUtf8) {
  std::vector<std::string> w;
  const auto r = read_csv_text("l1.csv", "Ableitung \xC4 (\xB5X),ii\n1,2\n3,4\n", 500, &w);
  EXPECT_EQ(r[0].leads[0].name, "Ableitung \xC3\x84");
  ASSERT_TRUE(any_contains(w, "unit '\xC2\xB5x' not understood"));
  expect_valid_utf8(w);
  const std::string error = csv_error_of("ii\n1\n\xB5\xB5\xB5\n", 500);
  EXPECT_NE(error.find("'\xC2\xB5\xC2\xB5\xC2\xB5' is not a number"), std::string::npos) << error;
  expect_valid_utf8({error, csv_error_of("ii\n1\n" + std::string(39, 'x') + "\xC3\x84\n", 500)});
}

// Units after the name without brackets, as loggers and hand-made exports title columns.
TEST(CsvToolExports, UnitWordAfterTheName) {
  const std::pair<const char*, const char*> cases[] = {
      {"ecg_uV", "ecg"},    {"II/uV", "II"},        {"II uV", "II"},   {"II in uV", "II"},
      {"\"II, uV\"", "II"}, {"II \xC2\xB5V", "II"}, {"V1_\xB5V", "V1"}};
  for (const auto& [title, name] : cases) {
    std::vector<std::string> w;
    const auto r =
        read_csv_text("u.csv", std::string("# fs=500\n") + title + "\n1000\n-500\n", 0, &w);
    EXPECT_EQ(r[0].leads[0].name, name) << title;
    EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 1.0f) << title;
    EXPECT_TRUE(w.empty()) << title << ": " << w.front();
  }
  const auto mv = read_csv_text("u.csv", "# fs=500\nII_mV\n1.5\n-0.5\n");
  EXPECT_EQ(mv[0].leads[0].name, "II");
  EXPECT_FLOAT_EQ(mv[0].leads[0].samples[0], 1.5f);
  // A bare V is a lead name (or part of one), never volts.
  const auto v = read_csv_text("v.csv", "# fs=500\nV,aVR,II V\n1,2,3\n4,5,6\n");
  EXPECT_EQ(v[0].leads[0].name, "V");
  EXPECT_EQ(v[0].leads[1].name, "aVR");
  EXPECT_EQ(v[0].leads[2].name, "II V");
  EXPECT_FLOAT_EQ(v[0].leads[2].samples[1], 6.f);
}

// A title whose unit is a time unit is a time column, whatever its name.
TEST(CsvToolExports, TimeColumnKnownByItsUnit) {
  // Excel in a German locale: Windows-1252, ';' and decimal commas, CRLF.
  std::vector<std::string> w;
  const auto excel = read_csv_text("excel_de.csv",
                                   table("Zeit [s];I [\xB5V];II [\xB5V]\r\n", 30,
                                         [](std::size_t i) {
                                           std::string row = format("%.3f", i / 500.0) + ";" +
                                                             format("%.1f", 1000 * ecg_mv(i, 500)) +
                                                             ";12,5\r";
                                           for (char& c : row)
                                             if (c == '.') c = ',';
                                           return row;
                                         }),
                                   0, &w);
  EXPECT_DOUBLE_EQ(excel[0].fs, 500);
  ASSERT_EQ(excel[0].leads.size(), 2u);
  EXPECT_EQ(excel[0].leads[0].name, "I");
  EXPECT_FLOAT_EQ(excel[0].leads[1].samples[0], 0.0125f);
  EXPECT_TRUE(w.empty()) << w.front();

  const std::pair<const char*, double> titles[] = {{"sensor timestamp [ns]", 2e6},
                                                   {"Elapsed (ms)", 2},
                                                   {"t (us)", 2000},
                                                   {"x [\xC2\xB5s]", 2000},
                                                   {"Zeit [s]", 0.002}};
  for (const auto& title_and_step : titles) {
    // Plain variables, not structured bindings: C++17 lambdas cannot capture those (clang).
    const char* title = title_and_step.first;
    const double step = title_and_step.second;
    const auto r = read_csv_text(
        "t.csv",
        table(std::string(title) + ",ii\n", 20,
              [&](std::size_t i) { return format("%.10g", 1000 + double(i) * step) + ",0.5"; }),
        0, &w);
    EXPECT_DOUBLE_EQ(r[0].fs, 500) << title;
    EXPECT_EQ(r[0].leads.size(), 1u) << title;
    EXPECT_TRUE(w.empty()) << title << ": " << w.front();
  }
}

// Polar's timestamp in ns (step 2e6 at 500 Hz), µs from a microcontroller, ms, s: the unit that
// gives an ECG rate, named in the warning.
TEST(CsvToolExports, TimeUnitGuessedFromSpacing) {
  const std::tuple<double, double, double, const char*> cases[] = {
      {599e15, 2e6, 500, "nanoseconds"},
      {0, 4000, 250, "microseconds"},
      {0, 1000.0 / 130, 130, "milliseconds"},
      {0, 1 / 360.0, 360, "seconds"}};
  for (const auto& one_case : cases) {
    const double start = std::get<0>(one_case), step = std::get<1>(one_case);
    const double fs = std::get<2>(one_case);
    const char* unit = std::get<3>(one_case);
    std::vector<std::string> w;
    const auto r = read_csv_text(
        "polar.csv",
        table("timestamp;ecg (uV)\n", 30,
              [&](std::size_t i) {
                // Polar writes whole nanoseconds since 2000; the others are times since the start.
                return format(start > 0 ? "%.0f" : "%.9g", start + double(i) * step) + ";47";
              }),
        0, &w);
    EXPECT_NEAR(r[0].fs, fs, 1e-6) << unit;
    EXPECT_TRUE(
        any_contains(w, std::string("unit not named; read as ") + unit + " from the spacing"))
        << unit;
  }
}

// pandas DatetimeIndex (named and unnamed), ISO 8601 with T and a zone, TimedeltaIndex, clock.
TEST(CsvToolExports, DateAndTimeStampsGiveTheRate) {
  const std::pair<std::string, std::function<std::string(std::size_t)>> cases[] = {
      {"timestamp,i,ii\n",
       [](std::size_t i) { return format("2024-03-01 10:00:%06.3f", i * 0.002); }},
      {",i,ii\n", [](std::size_t i) { return format("2024-03-01 10:00:%06.3f", i * 0.002); }},
      {"time,i,ii\n",
       [](std::size_t i) { return format("2024-03-01T23:59:%09.6f+01:00", 59.9 + i * 0.002); }},
      {"time,i,ii\n",
       [](std::size_t i) {
         return i == 0 ? std::string("0 days 00:00:00") : format("0 days 00:00:%09.6f", i * 0.002);
       }},
      {"Time,i,ii\n", [](std::size_t i) { return format("10:00:%06.3f", i * 0.002); }},
  };
  for (const auto& head_and_stamp : cases) {
    const std::string& head = head_and_stamp.first;
    const auto& stamp = head_and_stamp.second;
    std::vector<std::string> w;
    const auto r =
        read_csv_text("stamps.csv",
                      table(head, 40,
                            [&](std::size_t i) {
                              return stamp(i) + "," + format("%.4f", ecg_mv(i, 500)) + ",0.1";
                            }),
                      0, &w);
    EXPECT_DOUBLE_EQ(r[0].fs, 500) << head << stamp(1);
    ASSERT_EQ(r[0].leads.size(), 2u) << head;
    EXPECT_EQ(r[0].leads[0].name, "i");
    EXPECT_TRUE(w.empty()) << head << stamp(1) << ": " << w.front();
  }
  // Kardia-like: ISO stamps in µs with Z, 300 Hz.
  const auto kardia =
      read_csv_text("k.csv", table("timestamp,ecg_mV\n", 60, [](std::size_t i) {
                      return format("2024-03-01T10:00:%09.6fZ", i / 300.0) + ",0.0180";
                    }));
  EXPECT_DOUBLE_EQ(kardia[0].fs, 300);
  EXPECT_EQ(kardia[0].leads[0].name, "ecg");
}

// A Holter-like export whose clock times (no date) run past midnight: 23:59:59.800 to
// 00:00:00.196 at 250 Hz reads as one uniform stretch.
TEST(CsvToolExports, ClockTimesRunPastMidnight) {
  const auto clock = [](double seconds) {
    seconds = std::fmod(seconds, 86400.0);
    const int h = int(seconds / 3600), m = int(std::fmod(seconds, 3600) / 60);
    return format("%02.0f:", h) + format("%02.0f:", m) +
           format("%06.3f", seconds - h * 3600 - m * 60);
  };
  std::vector<std::string> w;
  const auto r = read_csv_text("holter.csv",
                               table("Time,ECG (mV)\n", 100,
                                     [&](std::size_t i) {
                                       return clock(86399.8 + i / 250.0) + "," +
                                              format("%.4f", ecg_mv(i, 250));
                                     }),
                               0, &w);
  EXPECT_EQ(clock(86399.8 + 50 / 250.0), "00:00:00.000");
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  EXPECT_EQ(r[0].length(), 100u);
  EXPECT_TRUE(w.empty()) << w.front();
}

// Any other step back is refused naming both stamps: a clock going back a little or by less than
// half a day, and a date and time going back (its date says no midnight passed).
TEST(CsvToolExports, TimeStampsGoingBackAreRefusedNamingBoth) {
  const std::string note =
      " (a clock time goes back only past midnight, as from 23:59:59.996 to 00:00:00.000)";
  EXPECT_EQ(csv_error_of("Time,II\n10:00:00.000,1\n10:00:00.004,2\n10:00:00.000,3\n"),
            "bad.csv: line 4, column 1 ('Time'): '10:00:00.000' is not after '10:00:00.004' on "
            "the row above" +
                note);
  EXPECT_EQ(csv_error_of("Time,II\n12:00:00.000,1\n12:00:00.004,2\n01:00:00.000,3\n"),
            "bad.csv: line 4, column 1 ('Time'): '01:00:00.000' is not after '12:00:00.004' on "
            "the row above" +
                note);
  EXPECT_EQ(csv_error_of("time,ii\n2024-03-01 23:59:59.992,1\n2024-03-01 23:59:59.996,2\n"
                         "2024-03-01 00:00:00.000,3\n"),
            "bad.csv: line 4, column 1 ('time'): '2024-03-01 00:00:00.000' is not after "
            "'2024-03-01 23:59:59.996' on the row above");
}

TEST(CsvToolExports, AnUnreadableTimeCellSaysWhatIsAccepted) {
  const std::string error =
      csv_error_of("time,ii\n2024-03-01 10:00:00.000,1\n2024-03-01 10:00:00.002,1\nsoon,2\n");
  EXPECT_NE(error.find("bad.csv: line 4, column 1 ('time'): 'soon' is not a time"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("2024-03-01 10:00:00.000"), std::string::npos) << error;
  EXPECT_NE(error.find("0 days 00:00:00.002"), std::string::npos) << error;
  EXPECT_NE(error.find("remove the column and give the rate with --fs"), std::string::npos)
      << error;
  EXPECT_NE(csv_error_of("t,ii\n0,1\n0.002,1\n12:00,1\n")
                .find("line 4, column 1 ('t'): '12:00' is not a time"),
            std::string::npos);
}

// Polar Sensor Logger: three time columns (the phone's clock, the sensor's ns, ms from the start).
TEST(CsvToolExports, PolarSensorLoggerRateFromTheSensorClock) {
  std::vector<std::string> w;
  const auto r = read_csv_text(
      "Polar_H10_ECG.txt",
      table("Phone timestamp;sensor timestamp [ns];timestamp [ms];ecg [uV]\n", 200,
            [](std::size_t i) {
              const double t = i / 130.0;
              return format("2024-03-01T10:00:%06.3f", t) + ";" +
                     format("%.0f", 599e15 + std::floor(t * 1e9)) + ";" + format("%.3f", t * 1000) +
                     ";" + format("%.0f", 1000 * ecg_mv(i, 130));
            }),
      0, &w);
  EXPECT_DOUBLE_EQ(r[0].fs, 130);
  ASSERT_EQ(r[0].leads.size(), 1u);
  EXPECT_EQ(r[0].leads[0].name, "ecg");
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 1.0f);
  EXPECT_TRUE(any_contains(w,
                           "the rate comes from 'sensor timestamp (ns)'; 'Phone timestamp', "
                           "'timestamp (ms)' not read as a lead"))
      << w.front();
}

// The Health app's ECG export: the wearer's details, the rate, lead and unit, spacer lines, then
// one value per line.
std::string apple_watch_export(bool german) {
  std::string text =
      german ? "Name,Erika Musterfrau\nGeburtsdatum,\"01.01.1980\"\n"
               "Aufnahmedatum,2024-03-01 10:00:00 +0100\nKlassifizierung,Sinusrhythmus\n"
               "Symptome,\nSoftwareversion,1.90\nGer\xC3\xA4t,\"Watch6,1\"\n"
               "Abtastrate,512 Hertz\n,\nAbleitung,Ableitung I\nEinheit,\xC2\xB5V\n,\n,\n,\n"
             : "Name,Jane Doe\nDate of Birth,\"Jan 1, 1980\"\n"
               "Recorded Date,2024-03-01 10:00:00 +0100\nClassification,Sinus Rhythm\n"
               "Symptoms,\nSoftware Version,1.90\nDevice,\"Watch6,1\"\n"
               "Sample Rate,512 hertz\n,\nLead,Lead I\nUnit,\xC2\xB5V\n,\n,\n,\n";
  for (std::size_t i = 0; i < 600; ++i) {
    std::string v = format("%.3f", 1000 * ecg_mv(i, 512));
    if (german) {
      v.replace(v.find('.'), 1, ",");
      v = "\"" + v + "\"";
    }
    text += v + "\n";
  }
  return text;
}

TEST(CsvToolExports, AppleWatchExportReadsItsPreamble) {
  for (bool german : {false, true}) {
    std::vector<std::string> w;
    const auto r = read_csv_text("ecg_2024-03-01.csv", apple_watch_export(german), 0, &w);
    EXPECT_DOUBLE_EQ(r[0].fs, 512);
    ASSERT_EQ(r[0].leads.size(), 1u);
    EXPECT_EQ(r[0].leads[0].name, german ? "Ableitung I" : "Lead I");
    EXPECT_EQ(r[0].length(), 600u);
    EXPECT_NEAR(r[0].leads[0].samples[0], ecg_mv(0, 512), 1e-6);
    EXPECT_NEAR(r[0].leads[0].samples[410], ecg_mv(410, 512), 1e-6);
    for (const char* personal : {"Jane", "Erika", "1980", "Sinus", "Watch"})
      EXPECT_FALSE(any_contains(w, personal)) << personal;
  }
}

// A preamble key that the reader knows but whose value it cannot read is named; the others never.
TEST(CsvToolExports, PreambleRateMessages) {
  std::vector<std::string> w;
  const auto r = read_csv_text(
      "p.csv", "Patient,Jane Doe\nSample Rate,fast\nUnits: uV\nii,v1\n100,200\n300,400\n", 250, &w);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[1], 0.4f);
  EXPECT_TRUE(any_contains(w, "p.csv: line 2: sample rate 'fast' not understood")) << w.front();
  EXPECT_FALSE(any_contains(w, "Jane"));
  const auto colon = read_csv_text("p.csv", "Sampling frequency: 250 Hz\nii\n1\n2\n");
  EXPECT_DOUBLE_EQ(colon[0].fs, 250);
  // A time column's rate wins over the preamble's, with a warning when they disagree.
  const auto timed =
      read_csv_text("p.csv", "Sample Rate,250\ntime,ii\n0,1\n0.002,2\n0.004,3\n", 0, &w);
  EXPECT_DOUBLE_EQ(timed[0].fs, 500);
  EXPECT_TRUE(
      any_contains(w, "using 500 Hz from the time column, not the 250 Hz of the rate on line 1"));
}

// LabChart's text export: "Key=<tab>value" lines, ChannelTitle per channel, UnitName per column
// ("*" for the time column), then time and the channels.
TEST(CsvToolExports, LabChartTextExport) {
  const std::string preamble =
      "Interval=\t0.002 s\nExcelDateTime=\t4.5352416666e+04\t03/01/2024 10:00:00\n"
      "TimeFormat=\tStartOfBlock\nDateFormat=\t\nChannelTitle=\tECG I\tECG II\n"
      "Range=\t2.000 mV\t2.000 mV\nUnitName=\t*\tmV\tmV\n";
  std::vector<std::string> w;
  const auto timed = read_csv_text("labchart.txt",
                                   table(preamble, 50,
                                         [](std::size_t i) {
                                           return format("%.3f", i / 500.0) + "\t" +
                                                  format("%.5f", ecg_mv(i, 500)) + "\t0.25000";
                                         }),
                                   0, &w);
  EXPECT_DOUBLE_EQ(timed[0].fs, 500);
  ASSERT_EQ(timed[0].leads.size(), 2u);
  EXPECT_EQ(timed[0].leads[0].name, "ECG I");
  EXPECT_EQ(timed[0].leads[1].name, "ECG II");
  EXPECT_FLOAT_EQ(timed[0].leads[1].samples[3], 0.25f);
  EXPECT_FALSE(any_contains(w, "not understood"));

  const auto untimed = read_csv_text(
      "labchart.txt",
      table("Interval=\t2 ms\nChannelTitle=\tECG I\tECG II\nUnitName=\tuV\tuV\n", 50,
            [](std::size_t i) { return format("%.1f", 1000 * ecg_mv(i, 500)) + "\t250.0"; }));
  EXPECT_DOUBLE_EQ(untimed[0].fs, 500);
  EXPECT_EQ(untimed[0].leads[1].name, "ECG II");
  EXPECT_FLOAT_EQ(untimed[0].leads[1].samples[3], 0.25f);
}

// A header whose first title is also a preamble key ("Interval", "Label", "fs") is the header:
// its values are no interval, rate or units, and it is as wide as the rows. A line that states
// what its key asks for, or that is not as wide as the rows, stays a preamble line; lead names
// as wide as the rows name the columns after a first column that rises (a time).
TEST(CsvToolExports, AHeaderStartingWithAPreambleKeyIsStillTheHeader) {
  std::vector<std::string> w;
  const auto interval = read_csv_text("rr.csv",
                                      table("Interval (ms),ECG (uV)\n", 50,
                                            [](std::size_t i) {
                                              return format("%.0f", i * 2.0) + "," +
                                                     format("%.0f", 1000 * ecg_mv(i, 500));
                                            }),
                                      0, &w);
  EXPECT_DOUBLE_EQ(interval[0].fs, 500);
  ASSERT_EQ(interval[0].leads.size(), 1u);
  EXPECT_EQ(interval[0].leads[0].name, "ECG");
  EXPECT_NEAR(interval[0].leads[0].samples[0], ecg_mv(0, 500), 1e-3);
  EXPECT_TRUE(w.empty()) << w.front();

  // A label per sample (0 or 1) beside the lead, as machine-learning sets have it.
  const auto labelled = read_csv_text("labelled.csv", "Label,ECG\n0,0.12\n1,0.85\n0,0.10\n", 360);
  ASSERT_EQ(labelled[0].leads.size(), 2u);
  EXPECT_EQ(labelled[0].leads[0].name, "Label");
  EXPECT_EQ(labelled[0].leads[1].name, "ECG");

  const auto fs = read_csv_text("fs.csv", "fs,ecg\n0.1,0.2\n0.3,0.4\n0.5,0.6\n", 500, &w);
  EXPECT_DOUBLE_EQ(fs[0].fs, 500);
  ASSERT_EQ(fs[0].leads.size(), 2u);
  EXPECT_EQ(fs[0].leads[1].name, "ecg");
}

TEST(CsvToolExports, KeyLinesThatStateTheirValueStayPreamble) {
  const auto leads = read_csv_text("leads.csv", table("Lead,II,V5\n", 50, [](std::size_t i) {
                                     return format("%.3f", i / 500.0) + "," +
                                            format("%.4f", ecg_mv(i, 500)) + ",0.2";
                                   }));
  EXPECT_DOUBLE_EQ(leads[0].fs, 500);
  ASSERT_EQ(leads[0].leads.size(), 2u);
  EXPECT_EQ(leads[0].leads[0].name, "II");
  EXPECT_EQ(leads[0].leads[1].name, "V5");

  const auto rate = read_csv_text("rate.csv", "Sample Rate,250\n100,200\n300,400\n");
  EXPECT_DOUBLE_EQ(rate[0].fs, 250);
  const auto units = read_csv_text("units.csv", "Unit,uV\n100,200\n300,400\n", 250);
  EXPECT_FLOAT_EQ(units[0].leads[1].samples[1], 0.4f);
  // Not as wide as the rows: a line of the preamble whatever it says (a warning names it).
  std::vector<std::string> w;
  const auto narrow = read_csv_text("narrow.csv", "fs,fast\n1,2,3\n4,5,6\n", 250, &w);
  ASSERT_EQ(narrow[0].leads.size(), 3u);
  EXPECT_TRUE(any_contains(w, "narrow.csv: line 1: fs 'fast' not understood")) << w.front();
}

// The message about a header wider than its rows never contradicts itself.
TEST(CsvToolExports, HeaderAndRowCountsInAMessageDiffer) {
  EXPECT_NE(csv_error_of("ii,v1,v5\n1,2\n3,4\n", 500)
                .find("line 1 names 3 columns between commas, but line 2 has 2 cells"),
            std::string::npos);
  // "Name,Jane Doe" over a one-value-per-line body used to give "line 1 names 2 columns between
  // commas, but line 3 has 2 cells"; such lines are now a preamble.
  const auto r =
      read_csv_text("x.csv", "Name,Jane Doe\nNote,\"a, b\"\nMore,c\n1.5\n2.5\n3.5\n", 500);
  EXPECT_EQ(r[0].length(), 3u);
}

}  // namespace
}  // namespace qrs
