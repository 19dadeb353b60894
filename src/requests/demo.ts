export async function seedRequestDemo() {}
