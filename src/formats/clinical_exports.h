#pragma once
// ECG files this tool recognises but does not read: what ECG carts and ECG management systems
// export (HL7 aECG XML, GE MUSE XML, Philips SierraECG XML, DICOM waveforms, SCP-ECG). Each is
// told by its signature in the first bytes, so that the message says what the file is, that it is
// not read, and how to convert it, instead of "unrecognised file format", which leaves a clinician
// guessing whether the file is damaged.
#include <string>

#include "formats/record.h"

namespace qrs::formats {

// What the file is and what to do, for the message after "<file>: " ("a GE MUSE ECG file (XML
// <RestingECG>), which this tool does not read yet; convert it ..."), or "" when it is none of
// these. Signatures: the XML root element <AnnotatedECG> (HL7 aECG, namespace urn:hl7-org:v3),
// <RestingECG> (GE MUSE), <restingecgdata> (Philips SierraECG); "DICM" at byte 128 (DICOM PS3.10);
// "SCPECG" at byte 16, in section 0's header after the record's CRC and length (SCP-ECG, EN 1064).
std::string clinical_export_message(const NamedBuffer& file);

}  // namespace qrs::formats
