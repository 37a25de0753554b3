// What ECG carts and ECG management systems export (HL7 aECG, GE MUSE and Philips SierraECG XML,
// DICOM waveforms, SCP-ECG) is recognised by its signature and refused saying what it is and how
// to convert it. Before, each got "unrecognised file format (supported: ...)", and a clinician
// could not tell a damaged file from one of a format not read. The files here carry each format's
// signature as its specification or vendor writes it, with no waveform after it.
#include "formats/clinical_exports.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "formats/detect.h"
#include "formats/read.h"
#include "npy_test_writer.h"

namespace qrs {
namespace {

using formats::detect_format;
using formats::FileFormat;
using test::named;

std::string error_of(const NamedBuffer& file) {
  return read_files({file})[0].error;
}

const char kAecg[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- exported by a cart -->\n"
    "<AnnotatedECG xmlns=\"urn:hl7-org:v3\" type=\"Observation\">\n"
    "  <id root=\"728989ec\"/>\n</AnnotatedECG>\n";
const char kMuse[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
    "<!DOCTYPE RestingECG SYSTEM \"restecg.dtd\">\n<RestingECG>\n<MuseInfo/>\n</RestingECG>\n";
const char kSierra[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<restingecgdata xmlns=\"http://www3.medical.philips.com\">\n<documentinfo/>\n"
    "</restingecgdata>\n";

// DICOM PS3.10: a 128-byte preamble, "DICM", then the file meta information (explicit VR little
// endian), whose Media Storage SOP Class UID (0002,0002) names what the file holds.
std::vector<std::uint8_t> dicom_with_sop_class(const std::string& uid) {
  std::vector<std::uint8_t> bytes(128, 0);
  for (char c : std::string("DICM")) bytes.push_back(static_cast<std::uint8_t>(c));
  std::string value = uid;
  if (value.size() % 2) value.push_back('\0');
  const std::uint8_t element[] = {
      0x02, 0x00, 0x02, 0x00, 'U', 'I', static_cast<std::uint8_t>(value.size()), 0x00};
  bytes.insert(bytes.end(), std::begin(element), std::end(element));
  bytes.insert(bytes.end(), value.begin(), value.end());
  return bytes;
}

// SCP-ECG: the record's CRC (2 bytes) and length (4), then section 0's header: CRC, section ID 0,
// length (4), section and protocol version, and the reserved "SCPECG"; then its pointers.
std::vector<std::uint8_t> scp_ecg(const std::string& reserved) {
  std::vector<std::uint8_t> bytes = {0xEF, 0xBE, 0,   0, 0, 0, 0x12, 0x34,
                                     0,    0,    136, 0, 0, 0, 20,   20};
  bytes.insert(bytes.end(), reserved.begin(), reserved.end());
  bytes.resize(2000, 0);
  bytes[2] = static_cast<std::uint8_t>(bytes.size() & 0xFF);
  bytes[3] = static_cast<std::uint8_t>(bytes.size() >> 8);
  return bytes;
}

TEST(ClinicalExports, EachIsNamedWithWhatToDo) {
  EXPECT_EQ(error_of(named("ecg_hl7_aecg.xml", std::string(kAecg))),
            "ecg_hl7_aecg.xml: an HL7 aECG file (XML <AnnotatedECG>), which this tool does not "
            "read yet; convert it to EDF first, e.g. with BioSig's save2gdf (Debian and Ubuntu "
            "package biosig-tools): save2gdf -f=EDF ecg_hl7_aecg.xml ecg_hl7_aecg.edf");
  EXPECT_EQ(error_of(named("MUSE_1.xml", std::string(kMuse))),
            "MUSE_1.xml: a GE MUSE ECG file (XML <RestingECG>), which this tool does not read "
            "yet; convert it to WFDB first, e.g. with the Python package muse2wfdb "
            "(muse2wfdb.converter.muse_to_wfdb('MUSE_1.xml', 'MUSE_1') writes MUSE_1.hea and "
            "MUSE_1.dat)");
  EXPECT_EQ(error_of(named("philips.xml", std::string(kSierra))),
            "philips.xml: a Philips SierraECG file (XML <restingecgdata>), which this tool does "
            "not read yet; read it with the Python package sierraecg "
            "(sierraecg.read_file('philips.xml').leads: each lead's samples and sampling_freq) "
            "and save that with numpy.savez('philips.npz', signal=..., fs=...), which this tool "
            "reads");
  EXPECT_EQ(error_of(named("ECG 12.dcm", dicom_with_sop_class("1.2.840.10008.5.1.4.1.1.9.1.1"))),
            "ECG 12.dcm: a DICOM ECG waveform file, which this tool does not read yet; read it "
            "with pydicom (ds = pydicom.dcmread('ECG 12.dcm'): ds.waveform_array(0) holds samples "
            "x channels, ds.WaveformSequence[0].SamplingFrequency their rate) and save that with "
            "numpy.savez('ECG 12.npz', signal=..., fs=...), which this tool reads");
  EXPECT_EQ(error_of(named("ecg 1.scp", scp_ecg("SCPECG"))),
            "ecg 1.scp: an SCP-ECG file (EN 1064), which this tool does not read yet; convert it "
            "to EDF first, e.g. with BioSig's save2gdf (Debian and Ubuntu package biosig-tools): "
            "save2gdf -f=EDF 'ecg 1.scp' 'ecg 1.edf'");
}

TEST(ClinicalExports, SignaturesWinOverTheName) {
  // A MUSE export saved as .txt (as some sites name them) is no CSV; nor an aECG under any name.
  EXPECT_EQ(detect_format(named("export.txt", std::string(kMuse))), FileFormat::ClinicalExport);
  EXPECT_EQ(detect_format(named("ecg", std::string(kAecg))), FileFormat::ClinicalExport);
  EXPECT_EQ(detect_format(named("x.bin", scp_ecg("SCPECG"))), FileFormat::ClinicalExport);
  // A namespace prefix on the root, and an export saved as UTF-16 with its byte-order mark.
  EXPECT_EQ(
      detect_format(named("a.xml", std::string("<v3:AnnotatedECG xmlns:v3=\"urn:hl7-org:v3\">"))),
      FileFormat::ClinicalExport);
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string(kMuse)) utf16 += std::string(1, c) + '\0';
  EXPECT_NE(error_of(named("muse16.xml", utf16)).find("a GE MUSE ECG file"), std::string::npos);
}

TEST(ClinicalExports, OtherDicomAndScpWithoutItsMarkAreToldApart) {
  const std::string ct =
      error_of(named("ct.dcm", dicom_with_sop_class("1.2.840.10008.5.1.4.1.1.2")));
  EXPECT_EQ(ct.rfind("ct.dcm: a DICOM file, which this tool does not read yet; ", 0), 0u) << ct;
  const std::string bp =
      error_of(named("bp.dcm", dicom_with_sop_class("1.2.840.10008.5.1.4.1.1.9.2.1")));
  EXPECT_EQ(bp.rfind("bp.dcm: a DICOM waveform file, which this tool does not read yet; ", 0), 0u)
      << bp;
  // Reserved bytes left empty: a .scp whose length field is its size and section 0 its first.
  EXPECT_EQ(detect_format(named("old.scp", scp_ecg(std::string(6, '\0')))),
            FileFormat::ClinicalExport);
  EXPECT_EQ(detect_format(named("old.bin", scp_ecg(std::string(6, '\0')))), FileFormat::Unknown);
}

TEST(ClinicalExports, OtherXmlAndTextAreNotTakenForThem) {
  EXPECT_EQ(detect_format(named("a.xml", std::string("<?xml version=\"1.0\"?>\n<svg>"
                                                     "<!-- RestingECG --></svg>\n"))),
            FileFormat::Unknown);
  EXPECT_EQ(detect_format(named("t.txt", std::string("RestingECG\n0.1 0.2\n"))), FileFormat::Csv);
  EXPECT_EQ(detect_format(named("x.xml", std::string("<RestingECGs>"))), FileFormat::Unknown);
  EXPECT_EQ(formats::clinical_export_message(named("short", std::string("<"))), "");
}

}  // namespace
}  // namespace qrs
