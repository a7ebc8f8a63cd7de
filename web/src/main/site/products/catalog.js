// Well-known small instruct models in GGUF, as the demo and the extension offer them. Sizes are the file
// sizes their Hugging Face model pages list (rounded); the download shows the exact size once it starts.
// Each `url` is a Hugging Face "resolve" URL: the file itself, served with CORS, so a page can fetch it.
(function (global) {
  'use strict';
  var HF = 'https://huggingface.co/';
  global.HearthCatalog = [
    {id: 'smollm2-135m', name: 'SmolLM2 135M Instruct', quant: 'Q8_0', bytes: 145e6,
      url: HF + 'bartowski/SmolLM2-135M-Instruct-GGUF/resolve/main/SmolLM2-135M-Instruct-Q8_0.gguf'},
    {id: 'smollm2-360m', name: 'SmolLM2 360M Instruct', quant: 'Q8_0', bytes: 386e6,
      url: HF + 'bartowski/SmolLM2-360M-Instruct-GGUF/resolve/main/SmolLM2-360M-Instruct-Q8_0.gguf'},
    {id: 'qwen2.5-0.5b', name: 'Qwen2.5 0.5B Instruct', quant: 'Q4_K_M', bytes: 398e6,
      url: HF + 'bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf'},
    {id: 'qwen3-0.6b', name: 'Qwen3 0.6B', quant: 'Q8_0', bytes: 639e6,
      url: HF + 'Qwen/Qwen3-0.6B-GGUF/resolve/main/Qwen3-0.6B-Q8_0.gguf'},
    {id: 'llama3.2-1b', name: 'Llama 3.2 1B Instruct', quant: 'Q4_K_M', bytes: 808e6,
      url: HF + 'bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf'},
    {id: 'phi3.5-mini', name: 'Phi-3.5 mini instruct', quant: 'Q4_K_M', bytes: 2.39e9,
      url: HF + 'bartowski/Phi-3.5-mini-instruct-GGUF/resolve/main/Phi-3.5-mini-instruct-Q4_K_M.gguf'}
  ];
})(typeof self !== 'undefined' ? self : window);
