// Every conv1d_nwc kernel variant this build and CPU can run, against a plain triple loop over the
// unpacked PyTorch-layout weights, at row and channel counts below, at, above and at multiples of
// its tile. Element-wise kernels are checked against their definitions.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "nn/kernels/conv1d_nwc.h"
#include "nn/kernels/elementwise.h"
#include "nn/kernels/kernel_table.h"

namespace qrs::nn::kernels {
namespace {

struct Case {
  std::size_t rows, cout, cin, taps, stride, dilation;
  bool relu;
};

void check_variant(const Conv1dNwcVariant& v, const Case& c, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  const std::size_t in_rows = (c.rows - 1) * c.stride + (c.taps - 1) * c.dilation + 1;
  std::vector<float> x(in_rows * c.cin), w(c.cout * c.cin * c.taps), b(c.cout);
  for (float& f : x) f = dist(rng);
  for (float& f : w) f = dist(rng);
  for (float& f : b) f = dist(rng);
  std::vector<float> packed(packed_conv1d_nwc_size(v.nr, c.cout, c.cin, c.taps));
  pack_conv1d_nwc(v.nr, c.cout, c.cin, c.taps, w.data(), b.data(), packed.data());
  // Output rows are wider than cout (y_stride) and guarded, to catch stores past a row's end.
  const std::size_t y_stride = c.cout + 3;
  const float guard = 12345.0f;
  std::vector<float> y(c.rows * y_stride, guard);
  Conv1dNwcArgs a;
  a.rows = c.rows;
  a.cout = c.cout;
  a.cin = c.cin;
  a.taps = c.taps;
  a.x = x.data();
  a.row_stride = c.stride * c.cin;
  a.tap_stride = c.dilation * c.cin;
  a.packed = packed.data();
  a.y = y.data();
  a.y_stride = y_stride;
  a.out_min = c.relu ? 0.0f : -std::numeric_limits<float>::infinity();
  a.out_max = std::numeric_limits<float>::infinity();
  v.run(a);
  for (std::size_t t = 0; t < c.rows; ++t) {
    for (std::size_t co = 0; co < c.cout; ++co) {
      double want = b[co];
      for (std::size_t m = 0; m < c.taps; ++m)
        for (std::size_t ci = 0; ci < c.cin; ++ci)
          want += double(x[(t * c.stride + m * c.dilation) * c.cin + ci]) *
                  w[(co * c.cin + ci) * c.taps + m];
      if (c.relu) want = std::max(want, 0.0);
      ASSERT_NEAR(y[t * y_stride + co], want, 1e-4)
          << v.name << " rows=" << c.rows << " cout=" << c.cout << " cin=" << c.cin
          << " taps=" << c.taps << " t=" << t << " co=" << co;
    }
    for (std::size_t co = c.cout; co < y_stride; ++co)
      ASSERT_EQ(y[t * y_stride + co], guard) << v.name << " wrote past row " << t;
  }
}

TEST(Conv1dNwcKernels, EveryVariantMatchesTheReferenceAroundItsTile) {
  std::mt19937 rng(7);
  int checked = 0;
  for (const Conv1dNwcVariant& v : conv1d_nwc_variants()) {
    if (!v.supported()) continue;
    ++checked;
    const std::size_t mr = v.mr, nr = v.nr;
    for (std::size_t rows : {std::size_t(1), mr - 1 ? mr - 1 : 1, mr, mr + 1, 2 * mr, 3 * mr + 2})
      for (std::size_t cout : {std::size_t(1), nr - 1, nr, nr + 1, 2 * nr, 3 * nr + 5})
        for (Case c : {Case{rows, cout, 1, 1, 1, 1, false}, Case{rows, cout, 3, 9, 1, 1, true},
                       Case{rows, cout, 8, 3, 2, 1, false}, Case{rows, cout, 5, 3, 1, 4, true},
                       Case{rows, cout, 17, 2, 3, 2, false}})
          check_variant(v, c, rng);
  }
  EXPECT_GE(checked, 1);
}

TEST(Conv1dNwcKernels, TableChoosesASupportedVariant) {
  const Conv1dNwcVariant& chosen = kernel_table().conv1d_nwc;
  EXPECT_TRUE(chosen.supported());
  // The last supported variant in the list is the fastest; the table must pick it.
  const Conv1dNwcVariant* best = nullptr;
  for (const Conv1dNwcVariant& v : conv1d_nwc_variants())
    if (v.supported()) best = &v;
  ASSERT_NE(best, nullptr);
  EXPECT_STREQ(chosen.name, best->name);
  const Conv1dNwcVariant& narrow = kernel_table().conv1d_nwc_narrow;
  EXPECT_TRUE(narrow.supported());
  EXPECT_LE(narrow.nr, 8u);
  EXPECT_STREQ(kernel_table().conv1d_nwc_for(narrow.nr).name, narrow.name);
  EXPECT_STREQ(kernel_table().conv1d_nwc_for(64).name, chosen.name);
}

TEST(ElementwiseKernels, MatchTheirDefinitions) {
  std::vector<float> x = {-3.0f, -0.5f, 0.0f, 0.25f, 2.0f, 90.0f, -90.0f, 1.0f};
  std::vector<float> y(x.size());
  f32_vrelu(x.data(), y.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(y[i], std::max(x[i], 0.0f));
  f32_vsigmoid(x.data(), y.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], 1.0 / (1.0 + std::exp(-double(x[i]))), 1e-7);
  f32_vadd(x.data(), x.data(), y.data(), x.size());
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(y[i], 2 * x[i]);

  // softmax over 2 channels of 4 rows
  f32_softmax_rows(x.data(), y.data(), 4, 2);
  for (std::size_t t = 0; t < 4; ++t) {
    double e0 = std::exp(double(x[2 * t])), e1 = std::exp(double(x[2 * t + 1]));
    EXPECT_NEAR(y[2 * t], e0 / (e0 + e1), 1e-6);
    EXPECT_NEAR(y[2 * t] + y[2 * t + 1], 1.0, 1e-6);
  }

  // maxpool kernel 3 stride 2 over 8 rows x 1 channel -> 3 rows
  f32_maxpool1d_nwc(x.data(), 1, 3, 2, y.data(), 3);
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_EQ(y[1], 2.0f);
  EXPECT_EQ(y[2], 90.0f);

  // nearest upsampling by 3 of 2 rows x 2 channels
  std::vector<float> up(12);
  f32_upsample_nearest1d_nwc(x.data(), 2, 2, 3, up.data());
  for (std::size_t t = 0; t < 6; ++t) {
    EXPECT_EQ(up[2 * t], x[2 * (t / 3)]);
    EXPECT_EQ(up[2 * t + 1], x[2 * (t / 3) + 1]);
  }
}

}  // namespace
}  // namespace qrs::nn::kernels
