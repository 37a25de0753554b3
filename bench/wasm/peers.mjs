// The peer engines on the same model (bench/wasm/export_peers.py output): TensorFlow.js with its
// WASM backend (XNNPACK inside) and ONNX Runtime Web (wasm execution provider). Each returns
// {name, run(x, batch, length) -> Float32Array} where x is a [batch, 1, length] Float32Array
// (channels first, as PyTorch), and the output is [batch, channels_out, length], so all engines
// compare directly.

// TensorFlow.js: the .qrsm layer list as tf ops. Conv1d is tf.fused.conv2d on [batch, 1, length,
// channels] with bias and ReLU fused, the fastest form the wasm backend offers.
export async function makeTfjs(peersUrl) {
  const tf = globalThis.tf;
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  tf.wasm.setThreadsCount?.(1);  // single thread, like our simd variant
  await tf.setBackend('wasm');
  await tf.ready();
  const spec = await (await fetch(`${peersUrl}layers.json`)).json();
  const blob = new Float32Array(await (await fetch(`${peersUrl}weights.bin`)).arrayBuffer());
  const tensor = (name) => {
    const t = spec.tensors[name];
    const size = t.shape.reduce((a, b) => a * b, 1);
    return { shape: t.shape, data: blob.subarray(t.offset, t.offset + size) };
  };
  // PyTorch conv weight [cout, cin, k] -> tf filter [1, k, cin, cout].
  const convs = new Map();
  for (const l of spec.layers) {
    if (l.op !== 'conv1d') continue;
    const w = tensor(l.weight);
    const [cout, cin, k] = w.shape;
    const f = new Float32Array(k * cin * cout);
    for (let o = 0; o < cout; ++o)
      for (let i = 0; i < cin; ++i)
        for (let m = 0; m < k; ++m) f[(m * cin + i) * cout + o] = w.data[(o * cin + i) * k + m];
    convs.set(l.output, { filter: tf.tensor4d(f, [1, k, cin, cout]), bias: tf.tensor1d(tensor(l.bias).data) });
  }
  const forward = (x) => {
    const values = new Map([[spec.input, x]]);
    for (const l of spec.layers) {
      const ins = l.inputs.map((n) => values.get(n));
      let h;
      if (l.op === 'conv1d') {
        const { filter, bias } = convs.get(l.output);
        const [left, right] = l.padding;
        const k = filter.shape[1];
        // Symmetric "same" padding is native to the op; anything else gets an explicit pad.
        const same = left === right && left === (k - 1) / 2 && l.stride === 1;
        const padded = same || !(left || right) ? ins[0] : tf.pad(ins[0], [[0, 0], [0, 0], [left, right], [0, 0]]);
        h = tf.fused.conv2d({ x: padded, filter, strides: 1, pad: same ? 'same' : 'valid', bias,
                              activation: l.activation === 'relu' ? 'relu' : 'linear' });
        if (l.activation === 'sigmoid') h = tf.sigmoid(h);
      } else if (l.op === 'maxpool1d') {
        h = tf.maxPool(ins[0], [1, l.kernel], [1, l.stride], 'valid');
      } else if (l.op === 'upsample_nearest1d') {
        const [b, one, n, c] = ins[0].shape;
        h = tf.tile(ins[0].reshape([b, one, n, 1, c]), [1, 1, 1, l.scale, 1]).reshape([b, one, n * l.scale, c]);
      } else if (l.op === 'concat') {
        h = tf.concat(ins, 3);
      } else {
        throw new Error(`tfjs peer: op ${l.op} not handled`);
      }
      values.set(l.output, h);
    }
    return values.get(spec.output);
  };
  return {
    name: 'tfjs-wasm',
    run(x, batch, length) {
      const y = tf.tidy(() => {
        const input = tf.tensor(x, [batch, 1, length]).transpose([0, 2, 1]).reshape([batch, 1, length, 1]);
        return forward(input).reshape([batch, length, -1]).transpose([0, 2, 1]);
      });
      const out = y.dataSync();
      y.dispose();
      return out;
    },
  };
}

// ONNX Runtime Web: the torch.onnx export of the same layer list, one thread, SIMD.
export async function makeOrt(peersUrl) {
  const ort = globalThis.ort;
  ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.simd = true;
  const session = await ort.InferenceSession.create(`${peersUrl}model.onnx`,
                                                    { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return {
    name: 'onnxruntime-web',
    async run(x, batch, length) {
      const out = await session.run({ x: new ort.Tensor('float32', x, [batch, 1, length]) });
      return out.y.data;
    },
  };
}
