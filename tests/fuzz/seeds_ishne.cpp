// Seeds for fuzz_ishne: ISHNE Holter files of one, two and twelve leads, with a variable-length
// block, a wrong CRC, a sample count over all leads and a file cut short.
#include "formats/ishne_test_writer.h"
#include "seed_registry.h"

namespace {

qrs::test::IshneOut holter(std::size_t leads, std::size_t length) {
  qrs::test::IshneOut ecg;
  ecg.sampling_rate = 200;
  for (std::size_t i = 0; i < leads; ++i) {
    qrs::test::IshneLeadOut lead;
    lead.specification = static_cast<int>(5 + i % 15);
    lead.resolution_nv = 2500;
    for (std::size_t t = 0; t < length; ++t)
      lead.samples.push_back(
          static_cast<std::int16_t>(static_cast<int>((t * 37 + i) % 2000) - 1000));
    ecg.leads.push_back(lead);
  }
  return ecg;
}

void write_seeds(qrs::fuzz::SeedSink& sink) {
  sink.add("one_lead", qrs::test::write_ishne("a.ecg", holter(1, 64)).bytes);
  qrs::test::IshneOut two = holter(2, 48);
  two.variable_block = "Holter exported for the fuzzer";
  two.pacemaker = 2;
  sink.add("two_leads_block", qrs::test::write_ishne("b.ecg", two).bytes);
  sink.add("twelve_leads", qrs::test::write_ishne("c.ecg", holter(12, 16)).bytes);
  qrs::test::IshneOut wrong = holter(3, 20);
  wrong.wrong_crc = true;
  wrong.samples_per_lead = 60;  // over all leads
  sink.add("wrong_crc_total_count", qrs::test::write_ishne("d.ecg", wrong).bytes);
  std::vector<std::uint8_t> cut = qrs::test::write_ishne("e.ecg", holter(2, 40)).bytes;
  cut.resize(cut.size() - 37);
  sink.add("cut_short", cut);
}

const qrs::fuzz::RegisterSeeds kRegister("ishne", write_seeds);

}  // namespace
