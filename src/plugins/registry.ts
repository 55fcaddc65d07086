// A registry of plugins of one kind, looked up by type name.
import { RetroVueError } from '../core/errors.js';
import type { PluginDescriptor, PluginKind } from './plugin.js';

export class PluginRegistry<P extends PluginDescriptor> {
  private readonly plugins = new Map<string, P>();

  constructor(readonly kind: PluginKind) {}

  /** Adding a plugin is one call; a type name can be registered once. */
  register(plugin: P): this {
    if (this.plugins.has(plugin.type)) {
      throw new RetroVueError('conflict', `${this.kind} type "${plugin.type}" is already registered`);
    }
    this.plugins.set(plugin.type, plugin);
    return this;
  }

  /** The plugin of `type`, or `invalid_input` listing the known types. */
  get(type: string): P {
    const plugin = this.plugins.get(type);
    if (!plugin) {
      throw new RetroVueError('invalid_input', `unknown ${this.kind} type "${type}"; known types: ${this.types().join(', ') || 'none'}`);
    }
    return plugin;
  }

  types(): string[] {
    return [...this.plugins.keys()].sort();
  }

  list(): P[] {
    return this.types().map((type) => this.get(type));
  }
}
