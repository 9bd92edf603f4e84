/** Lets every answer already given travel through fetch, JSON parsing and React before asserting that nothing changed. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
