/**
 * The station window's preload (bundled into one CommonJS file by build/release/bundle-app.ts: a sandboxed preload
 * cannot load local modules). It exposes `window.hsskStation` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadStationApi } from './preload-station-api.ts';

contextBridge.exposeInMainWorld('hsskStation', createPreloadStationApi(ipcRenderer));
