/**
 * The type of `@track(options)`: a method decorator in both dialects, TC39 (TypeScript 5's default)
 * and legacy `experimentalDecorators`. Kept free of imports so that its type tests compile it alone.
 */
export interface TrackDecorator {
  <This, Args extends unknown[], Return>(
    value: (this: This, ...args: Args) => Return,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
  ): (this: This, ...args: Args) => Return;
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
}
